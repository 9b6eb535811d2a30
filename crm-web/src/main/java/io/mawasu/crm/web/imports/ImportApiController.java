package io.mawasu.crm.web.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import io.mawasu.crm.domain.importing.CsvImports;
import io.mawasu.crm.domain.importing.ImportFileException;
import io.mawasu.crm.domain.importing.ImportResult;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/import/{customers|orders|consents}} with the CSV as a {@code text/csv}
 * body or as the multipart part {@code file} (DESIGN.md §4). The charset comes from the
 * Content-Type (of the body or of the part), or is detected. Roles ADMIN and MARKETER
 * (see SecurityConfiguration).
 */
@RestController
class ImportApiController {

	private final CsvImports imports;

	private final AuditLog audit;

	private final MessageSource messages;

	ImportApiController(CsvImports imports, AuditLog audit, MessageSource messages) {
		this.imports = imports;
		this.audit = audit;
		this.messages = messages;
	}

	@PostMapping(path = "/api/import/{kind:" + ImportKind.PATTERN + "}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ImportAnswer importPart(@PathVariable String kind, @RequestPart("file") MultipartFile file,
			@RequestParam(name = "charset", required = false) @Nullable String charset, Authentication user,
			Locale locale) throws IOException {
		Charset declared = StringUtils.hasText(charset) ? Charset.forName(charset.strip())
				: charsetOf(file.getContentType());
		String source = StringUtils.hasText(file.getOriginalFilename()) ? file.getOriginalFilename() : "file";
		try (InputStream csv = file.getInputStream()) {
			return run(ImportKind.of(kind), csv, declared, source, user, locale);
		}
	}

	@PostMapping(path = "/api/import/{kind:" + ImportKind.PATTERN + "}")
	ImportAnswer importBody(@PathVariable String kind, HttpServletRequest request, Authentication user, Locale locale)
			throws IOException {
		Charset declared = charsetOf(request.getContentType());
		return run(ImportKind.of(kind), request.getInputStream(), declared, "body", user, locale);
	}

	private ImportAnswer run(ImportKind kind, InputStream csv, @Nullable Charset charset, String source,
			Authentication user, Locale locale) {
		try {
			ImportResult result = kind.run(this.imports, csv, charset, user.getName(), null);
			this.audit.record(kind.auditAction(), ImportKind.summary(source, result));
			return ImportAnswer.of(result, this.messages, locale);
		}
		catch (ImportFileException ex) {
			this.audit.record(kind.auditAction(), source + ": refused, " + ex.getMessage());
			throw ex;
		}
	}

	static @Nullable Charset charsetOf(@Nullable String contentType) {
		if (!StringUtils.hasText(contentType)) {
			return null;
		}
		try {
			return MediaType.parseMediaType(contentType).getCharset();
		}
		catch (InvalidMediaTypeException ex) {
			throw new ImportFileException("The Content-Type '" + contentType + "' cannot be read: " + ex.getMessage());
		}
	}

	@ExceptionHandler(ImportFileException.class)
	ProblemDetail unreadable(ImportFileException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("The file cannot be imported");
		return problem;
	}

	@ExceptionHandler({ UnsupportedCharsetException.class, IllegalCharsetNameException.class })
	ProblemDetail unknownCharset(IllegalArgumentException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Unknown charset " + ex.getMessage() + "; use UTF-8, Shift_JIS or Windows-31J.");
		problem.setTitle("The file cannot be imported");
		return problem;
	}

}
