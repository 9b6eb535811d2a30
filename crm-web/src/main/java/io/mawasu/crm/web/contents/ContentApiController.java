package io.mawasu.crm.web.contents;

import java.net.URI;
import java.util.List;

import io.mawasu.crm.delivery.Content;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.delivery.InvalidContent;
import io.mawasu.crm.delivery.RenderedMessage;
import io.mawasu.crm.web.api.ApiProblems;
import io.mawasu.crm.web.audit.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/contents}: create, replace, read and list channel content, and preview a
 * variant rendered for a customer. CONTENT_EDITOR, MARKETER and ADMIN only (also enforced
 * by the security chain); the rules of a valid content live in {@link Contents}.
 */
@RestController
@RequestMapping("/api/contents")
@Tag(name = "Contents")
@PreAuthorize(ContentApiController.CONTENT_ROLES)
class ContentApiController {

	static final String CONTENT_ROLES = "hasAnyRole('ADMIN', 'MARKETER', 'CONTENT_EDITOR')";

	private final Contents contents;

	private final ContentPreviews previews;

	private final AuditLog audit;

	ContentApiController(Contents contents, ContentPreviews previews, AuditLog audit) {
		this.contents = contents;
		this.previews = previews;
		this.audit = audit;
	}

	@Schema(name = "ContentSaved")
	record Saved(long id) {
	}

	@PostMapping
	@Operation(summary = "Save a new content (variant A plus optional B, C, …)",
			description = "400 problem+json names the field at fault (subject, messages[2], variants[0].weight).")
	ResponseEntity<Saved> create(@Valid @RequestBody ContentApiRequest request, Authentication user) {
		long id = this.contents.create(request.toRequest(), user.getName());
		this.audit.record("content.create", "content:" + id);
		return ResponseEntity.created(URI.create("/api/contents/" + id)).body(new Saved(id));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a content (its channel cannot change)")
	Saved update(@PathVariable long id, @Valid @RequestBody ContentApiRequest request, Authentication user) {
		if (!this.contents.update(id, request.toRequest(), user.getName())) {
			throw notFound(id);
		}
		this.audit.record("content.update", "content:" + id);
		return new Saved(id);
	}

	@GetMapping
	@Operation(summary = "Every content, newest first")
	List<Content> list() {
		return this.contents.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One content with its variants, A first")
	Content find(@PathVariable long id) {
		return this.contents.find(id).orElseThrow(() -> notFound(id));
	}

	@GetMapping("/{id}/preview")
	@Operation(summary = "A variant rendered for a customer, without tracking")
	RenderedMessage preview(@PathVariable long id, @RequestParam String customer,
			@RequestParam(defaultValue = "A") String variant) {
		ContentPreviews.Preview preview = this.previews.render(id, customer, variant);
		if (preview.message() != null) {
			return preview.message();
		}
		if (preview.missing() == ContentPreviews.Missing.CUSTOMER) {
			throw problem(HttpStatus.NOT_FOUND, "No customer has the external id '" + customer + "'.");
		}
		throw notFound(id);
	}

	@ExceptionHandler(InvalidContent.class)
	ProblemDetail invalid(InvalidContent ex) {
		ProblemDetail problem = ApiProblems.forField(HttpStatus.BAD_REQUEST, ex.field(),
				String.valueOf(ex.getMessage()));
		problem.setTitle("Invalid content");
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badArgument(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.valueOf(ex.getMessage()));
	}

	private static ErrorResponseException notFound(long id) {
		return problem(HttpStatus.NOT_FOUND, "No content with id " + id);
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}
