package io.mawasu.crm.web.segments;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.segmentation.InvalidSegmentRule;
import io.mawasu.crm.segmentation.MemberPage;
import io.mawasu.crm.segmentation.SegmentCount;
import io.mawasu.crm.segmentation.SegmentDetail;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.InteractiveQueries;
import io.mawasu.crm.web.audit.AuditLog;
import io.mawasu.crm.web.security.PiiMasking;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
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
 * {@code /api/segments}: save a rule segment (ADMIN, MARKETER), count a saved or unsaved
 * rule live with its reach per channel, and page through its members (email and phone
 * masked for roles that must not see PII).
 */
@RestController
@RequestMapping("/api/segments")
@Tag(name = "Segments")
class SegmentApiController {

	private final Segments segments;

	private final AuditLog audit;

	private final InteractiveQueries interactive;

	private final SegmentFields fields;

	private final SegmentUsage usage;

	private final MessageSource messages;

	private final RuleMessages ruleMessages;

	SegmentApiController(Segments segments, AuditLog audit, InteractiveQueries interactive, SegmentFields fields,
			SegmentUsage usage, MessageSource messages, RuleMessages ruleMessages) {
		this.interactive = interactive;
		this.ruleMessages = ruleMessages;
		this.segments = segments;
		this.audit = audit;
		this.fields = fields;
		this.usage = usage;
		this.messages = messages;
	}

	/**
	 * A segment to save. The rule is bound as a JSON tree: {@link SegmentRule#parse}
	 * names the JSON path of a fault, which a bound type could not.
	 */
	@Schema(name = "SegmentRequest")
	record SegmentRequest(
			@Schema(example = "Tokyo VIP", maxLength = SegmentController.MAX_NAME_LENGTH,
					requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank(message = "{segments.error.name}") @Size(
							max = SegmentController.MAX_NAME_LENGTH,
							message = "{segments.error.nameLength}") @Nullable String name,
			@Schema(implementation = SegmentRuleSchema.class,
					requiredMode = Schema.RequiredMode.REQUIRED) @Nullable JsonNode rule) {
	}

	/** A rule to count without saving it. */
	@Schema(name = "SegmentCountRequest")
	record CountRequest(@Schema(implementation = SegmentRuleSchema.class,
			requiredMode = Schema.RequiredMode.REQUIRED) @Nullable JsonNode rule) {
	}

	@Schema(name = "SegmentSaved")
	record Created(long id) {
	}

	/** The customers a rule matches now, and those of them reachable per channel. */
	@Schema(name = "SegmentCount")
	record CountView(long size,
			@Schema(description = "Per messaging channel: not blacklisted, an address that is not suppressed, "
					+ "and an OPT_IN",
					example = "{\"EMAIL\":120,\"LINE\":80,\"SMS\":40}") Map<String, Long> reachable) {

		static CountView of(SegmentCount count) {
			Map<String, Long> reachable = new LinkedHashMap<>();
			for (Channel channel : Channel.messagingChannels()) {
				reachable.put(channel.name(), count.reachable(channel));
			}
			return new CountView(count.size(), reachable);
		}

	}

	record MemberView(String externalId, @Nullable String name, @Nullable String email, @Nullable String phone,
			@Nullable String prefecture) {
	}

	record PageMetadata(int size, int number, long totalElements, int totalPages) {
	}

	record MembersView(List<MemberView> content, PageMetadata page) {

		static MembersView of(MemberPage page, boolean seesPii) {
			return new MembersView(page.content()
				.stream()
				.map((m) -> new MemberView(m.externalId(), m.name(), PiiMasking.emailFor(m.email(), seesPii),
						PiiMasking.phoneFor(m.phone(), seesPii), m.prefecture()))
				.toList(), new PageMetadata(page.size(), page.page(), page.totalElements(), page.totalPages()));
		}

	}

	@PostMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	@Operation(summary = "Save a rule segment; its first snapshot is taken at once",
			description = "400 problem+json: errors name the field (name), or path names the JSON path in the rule.")
	ResponseEntity<Created> create(@Valid @RequestBody SegmentRequest request, Authentication user) {
		String name = Objects.requireNonNull(request.name());
		SegmentRule rule = SegmentRule.parse(request.rule());
		long id = this.segments.create(name, rule, user.getName());
		this.audit.record("segment.create", "segment:" + id);
		return ResponseEntity.created(URI.create("/api/segments/" + id)).body(new Created(id));
	}

	/**
	 * What a rule can test: every field with its type, operators and (for enumerable
	 * fields) its values, labelled in the caller's language.
	 */
	@GetMapping("/fields")
	List<SegmentFields.Field> fields(Locale locale) {
		return this.fields.fields(locale);
	}

	/** Renames a segment and replaces its rule (not while a running scenario uses it). */
	@PutMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	@Operation(summary = "Rename a segment and replace its rule")
	Created update(@PathVariable long id, @Valid @RequestBody SegmentRequest request, Locale locale) {
		String name = Objects.requireNonNull(request.name());
		SegmentRule rule = SegmentRule.parse(request.rule());
		this.segments.find(id).orElseThrow(() -> notFound(id));
		refuseWhileUsed(id, locale);
		this.segments.update(id, name, rule);
		this.audit.record("segment.update", "segment:" + id);
		return new Created(id);
	}

	/** Copies a segment (name and rule) as a new one. */
	@PostMapping("/{id}/duplicate")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	ResponseEntity<Created> duplicate(@PathVariable long id, Authentication user, Locale locale) {
		SegmentDetail source = this.segments.find(id).orElseThrow(() -> notFound(id));
		long copy = this.segments.create(text("segments.copyName", locale, source.name()), source.rule(),
				user.getName());
		this.audit.record("segment.duplicate", "segment:" + copy);
		return ResponseEntity.created(URI.create("/api/segments/" + copy)).body(new Created(copy));
	}

	/**
	 * Deletes a segment: 409 with the reason while an active or paused scenario uses it.
	 */
	@DeleteMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	ResponseEntity<Void> delete(@PathVariable long id, Locale locale) {
		this.segments.find(id).orElseThrow(() -> notFound(id));
		refuseWhileUsed(id, locale);
		this.segments.delete(id);
		this.audit.record("segment.delete", "segment:" + id);
		return ResponseEntity.noContent().build();
	}

	private void refuseWhileUsed(long id, Locale locale) {
		this.usage.refusal(id, locale).ifPresent((reason) -> {
			throw problem(HttpStatus.CONFLICT, reason);
		});
	}

	private String text(String code, Locale locale, Object... arguments) {
		return this.messages.getMessage(code, arguments, code, locale);
	}

	@PostMapping("/count")
	@Operation(summary = "Count an unsaved rule now, with its reach per channel")
	CountView countRule(@RequestBody CountRequest request) {
		SegmentRule rule = SegmentRule.parse(request.rule());
		return CountView.of(this.interactive.run(() -> this.segments.count(rule)));
	}

	@GetMapping("/{id}/count")
	CountView count(@PathVariable long id) {
		return CountView.of(this.interactive.run(() -> this.segments.count(id)).orElseThrow(() -> notFound(id)));
	}

	@GetMapping("/{id}/members")
	MembersView members(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0 || size < 1 || size > 1000) {
			throw problem(HttpStatus.BAD_REQUEST, "page must be 0 or more and size between 1 and 1000");
		}
		MemberPage members = this.interactive.run(() -> this.segments.members(id, page, size))
			.orElseThrow(() -> notFound(id));
		return MembersView.of(members, PiiMasking.currentUserSeesPii());
	}

	@ExceptionHandler(InvalidSegmentRule.class)
	ProblemDetail invalidRule(InvalidSegmentRule ex, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				this.ruleMessages.forApi(ex, locale));
		problem.setTitle("Invalid segment rule");
		problem.setProperty("path", ex.path());
		return problem;
	}

	private static ErrorResponseException notFound(long id) {
		return problem(HttpStatus.NOT_FOUND, "No segment with id " + id);
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}
