package io.mawasu.crm.web.contents;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.delivery.Content;
import io.mawasu.crm.delivery.ContentTemplate;
import io.mawasu.crm.delivery.ContentVariant;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.delivery.InvalidContent;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Content pages: the list, the editor (per-channel fields, LINE's five messages, SMS
 * length and parts live through htmx, variants with weights, placeholder help) and a
 * preview rendered for a customer. CONTENT_EDITOR, MARKETER and ADMIN only.
 */
@Controller
@PreAuthorize(ContentApiController.CONTENT_ROLES)
class ContentController {

	static final String LIST_VIEW = "contents/list";

	static final String EDITOR_VIEW = "contents/editor";

	static final String SMS_LENGTH_FRAGMENT = "contents/fragments :: smsLength";

	static final String PREVIEW_FRAGMENT = "contents/fragments :: preview";

	private final Contents contents;

	private final ContentPreviews previews;

	private final AuditLog audit;

	ContentController(Contents contents, ContentPreviews previews, AuditLog audit) {
		this.contents = contents;
		this.previews = previews;
		this.audit = audit;
	}

	record ContentRow(long id, String name, Channel channel, List<String> variants, Instant updatedAt) {
	}

	@GetMapping("/contents")
	String list(Model model) {
		model.addAttribute("contents",
				this.contents.list()
					.stream()
					.map((c) -> new ContentRow(c.id(), c.name(), c.channel(),
							c.variants().stream().map(ContentVariant::key).toList(), c.updatedAt()))
					.toList());
		return LIST_VIEW;
	}

	@GetMapping("/contents/new")
	String create(Model model) {
		return editor(model, new ContentForm(), null, Map.of());
	}

	@PostMapping("/contents")
	String save(@ModelAttribute("form") ContentForm form, Authentication user, Model model,
			RedirectAttributes redirect) {
		long id;
		try {
			id = this.contents.create(form.toRequest(), user.getName());
		}
		catch (InvalidContent ex) {
			return editor(model, form, null, errors(form, ex));
		}
		this.audit.record("content.create", "content:" + id);
		redirect.addFlashAttribute("saved", true);
		return "redirect:/contents/" + id;
	}

	@GetMapping("/contents/{id}")
	String edit(@PathVariable long id, Model model) {
		Content content = this.contents.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return editor(model, ContentForm.of(content), content, Map.of());
	}

	@PostMapping("/contents/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") ContentForm form, Authentication user, Model model,
			RedirectAttributes redirect) {
		Content content = this.contents.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		try {
			if (!this.contents.update(id, form.toRequest(), user.getName())) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
		}
		catch (InvalidContent ex) {
			return editor(model, form, content, errors(form, ex));
		}
		this.audit.record("content.update", "content:" + id);
		redirect.addFlashAttribute("saved", true);
		return "redirect:/contents/" + id;
	}

	/** The SMS box's length and how many parts it is sent in (htmx). */
	@PostMapping("/contents/sms-length")
	String smsLength(@RequestParam(defaultValue = "") String sms, Model model) {
		model.addAttribute("smsChars", sms.codePoints().map((c) -> (c > 0xFFFF) ? 2 : 1).sum());
		model.addAttribute("smsSegments", ContentTemplate.smsSegments(sms));
		return SMS_LENGTH_FRAGMENT;
	}

	/** A variant rendered for a customer, PII masked by role (htmx). */
	@GetMapping("/contents/{id}/preview")
	String preview(@PathVariable long id, @RequestParam(defaultValue = "") String customer,
			@RequestParam(defaultValue = "A") String variant, Model model) {
		if (customer.isBlank()) {
			model.addAttribute("previewError", "contents.preview.customerNeeded");
			return PREVIEW_FRAGMENT;
		}
		try {
			ContentPreviews.Preview preview = this.previews.render(id, customer, variant);
			model.addAttribute("preview", preview.message());
			if (preview.missing() != null) {
				model.addAttribute("previewError", (preview.missing() == ContentPreviews.Missing.CUSTOMER)
						? "contents.preview.noCustomer" : "contents.preview.noContent");
			}
		}
		catch (InvalidContent | IllegalArgumentException ex) {
			model.addAttribute("previewProblem", ex.getMessage());
		}
		return PREVIEW_FRAGMENT;
	}

	private String editor(Model model, ContentForm form, @Nullable Content content, Map<String, String> errors) {
		model.addAttribute("form", form);
		model.addAttribute("current", content);
		model.addAttribute("fieldErrors", errors);
		model.addAttribute("channels", Channel.messagingChannels());
		model.addAttribute("placeholders", ContentTemplate.PLACEHOLDERS.stream().sorted().toList());
		model.addAttribute("lineBoxes",
				java.util.stream.IntStream.range(0, ContentForm.LINE_MESSAGES).boxed().toList());
		model.addAttribute("variantKeys",
				(content != null) ? content.variants().stream().map(ContentVariant::key).toList() : List.of("A"));
		model.addAttribute("smsChars", form.getSms().codePoints().map((c) -> (c > 0xFFFF) ? 2 : 1).sum());
		model.addAttribute("smsSegments", ContentTemplate.smsSegments(form.getSms()));
		return EDITOR_VIEW;
	}

	private static Map<String, String> errors(ContentForm form, InvalidContent ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		errors.put(form.formField(ex.field()), String.valueOf(ex.getMessage()));
		return errors;
	}

}
