package io.mawasu.crm.web.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;

import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * The import page: choose what the file holds and its charset, upload it, then watch the
 * job's progress (polled every second; any instance may run it, see {@link ImportJobs})
 * and its result with the rejected lines. Roles ADMIN and MARKETER (see
 * SecurityConfiguration).
 */
@Controller
class ImportController {

	static final String FORM = "imports/form";

	static final String RESULT = "imports/result :: job";

	static final List<String> CHARSETS = List.of("UTF-8", "Shift_JIS");

	private final ImportJobs jobs;

	ImportController(ImportJobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/import")
	String form(@RequestParam(name = "job", required = false) @Nullable String jobId, Authentication user,
			Model model) {
		model.addAttribute("kinds", ImportKind.values());
		model.addAttribute("charsets", CHARSETS);
		if (jobId != null) {
			model.addAttribute("job", this.jobs.find(jobId, user.getName()).orElse(null));
		}
		return FORM;
	}

	@PostMapping("/import")
	String upload(@RequestParam("kind") ImportKind kind, @RequestParam("file") MultipartFile file,
			@RequestParam(name = "charset", required = false) @Nullable String charset, Authentication user,
			RedirectAttributes redirect) throws IOException {
		if (file.isEmpty()) {
			redirect.addFlashAttribute("importError", "import.error.noFile");
			return "redirect:/import";
		}
		Charset declared = (StringUtils.hasText(charset) && CHARSETS.contains(charset)) ? Charset.forName(charset)
				: null;
		String filename = StringUtils.hasText(file.getOriginalFilename()) ? file.getOriginalFilename() : "file";
		ImportJob job;
		try (InputStream upload = file.getInputStream()) {
			job = this.jobs.start(kind, upload, declared, filename, user.getName(), AuditLog.currentAddress());
		}
		redirect.addAttribute("job", job.getId());
		return "redirect:/import";
	}

	@GetMapping("/import/jobs/{id}")
	String job(@PathVariable String id, Authentication user, Model model) {
		ImportJob job = this.jobs.find(id, user.getName())
			.orElseThrow(() -> new ResponseStatusException(NOT_FOUND, "No such import job"));
		model.addAttribute("job", job);
		return RESULT;
	}

}
