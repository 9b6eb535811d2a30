package io.mawasu.crm.web.segments;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.InvalidSegmentRule;
import io.mawasu.crm.segmentation.MemberPage;
import io.mawasu.crm.segmentation.RuleOperator;
import io.mawasu.crm.segmentation.SegmentCount;
import io.mawasu.crm.segmentation.SegmentDetail;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.SegmentSnapshot;
import io.mawasu.crm.segmentation.SegmentSummary;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.scenario.ScenarioView;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.web.InteractiveQueries;
import io.mawasu.crm.web.audit.AuditLog;
import io.mawasu.crm.web.security.PiiMasking;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Segment pages: the list, the builder with its live count and preview (htmx), and each
 * segment's 4R page with its snapshot history. Viewing is open to every signed-in role;
 * building, refreshing and ranking to ADMIN and MARKETER.
 */
@Controller
class SegmentController {

	static final String LIST_VIEW = "segments/list";

	static final String BUILDER_VIEW = "segments/builder";

	static final String RESULT_FRAGMENT = "segments/result :: result";

	static final String DETAIL_VIEW = "segments/detail";

	static final int PREVIEW_SIZE = 20;

	/** The longest segment name. */
	static final int MAX_NAME_LENGTH = 200;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final Segments segments;

	private final ShopProperties shop;

	private final AuditLog audit;

	private final Scenarios scenarios;

	private final InteractiveQueries interactive;

	private final SegmentFields fields;

	private final SegmentUsage usage;

	private final MessageSource messages;

	private final JsonMapper json;

	private final RuleMessages ruleMessages;

	private final SegmentSentence sentence;

	SegmentController(Segments segments, ShopProperties shop, AuditLog audit, Scenarios scenarios,
			InteractiveQueries interactive, SegmentFields fields, SegmentUsage usage, MessageSource messages,
			JsonMapper json, RuleMessages ruleMessages, SegmentSentence sentence) {
		this.interactive = interactive;
		this.ruleMessages = ruleMessages;
		this.sentence = sentence;
		this.segments = segments;
		this.shop = shop;
		this.audit = audit;
		this.scenarios = scenarios;
		this.fields = fields;
		this.usage = usage;
		this.messages = messages;
		this.json = json;
	}

	record SegmentRow(long id, String name, @Nullable Integer rankPriority, @Nullable Long lastSize,
			@Nullable String lastTakenAt) {
	}

	record SnapshotRow(String takenAt, long size, long reachEmail, long reachLine, long reachSms) {
	}

	record MemberRow(String externalId, @Nullable String name, @Nullable String email, @Nullable String phone,
			@Nullable String prefecture) {
	}

	@GetMapping("/segments")
	String list(Model model) {
		List<SegmentSummary> summaries = this.segments.list();
		model.addAttribute("segments",
				summaries.stream()
					.map((s) -> new SegmentRow(s.id(), s.name(), s.rankPriority(), s.lastSize(), time(s.lastTakenAt())))
					.toList());
		return LIST_VIEW;
	}

	/**
	 * The builder, empty or pre-filled by another page ({@code ?rule=…&name=…}, e.g. a
	 * cell of the journey map): the rule is checked as on save, and a refused one is
	 * shown with its error instead of being silently dropped.
	 */
	@GetMapping("/segments/new")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	String builder(@RequestParam(required = false) @Nullable String rule, @RequestParam(defaultValue = "") String name,
			Model model, Locale locale) {
		String shownName = (name.length() > MAX_NAME_LENGTH) ? name.substring(0, MAX_NAME_LENGTH) : name;
		if (rule == null || rule.isBlank()) {
			return builder(model, locale, null, shownName, SegmentRule.EVERYONE.toJson().toString(), null);
		}
		try {
			return builder(model, locale, null, shownName, SegmentRule.parse(rule).toJson().toString(), null);
		}
		catch (InvalidSegmentRule ex) {
			ruleError(model, ex, locale);
			return builder(model, locale, null, shownName, SegmentRule.EVERYONE.toJson().toString(), null);
		}
	}

	@GetMapping("/segments/{id}/edit")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	String edit(@PathVariable long id, Model model, Locale locale) {
		SegmentDetail segment = this.segments.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		this.usage.refusal(id, locale).ifPresent((reason) -> model.addAttribute("problem", reason));
		return builder(model, locale, id, segment.name(), segment.rule().toJson().toString(), null);
	}

	@PostMapping("/segments/{id}")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	String update(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "{\"all\":[]}") String rule, Model model, Locale locale,
			RedirectAttributes redirect) {
		this.segments.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (name.isBlank()) {
			return builder(model, locale, id, name, rule, "segments.error.name");
		}
		SegmentRule parsed;
		try {
			parsed = SegmentRule.parse(rule);
		}
		catch (InvalidSegmentRule ex) {
			ruleError(model, ex, locale);
			return builder(model, locale, id, name, rule, null);
		}
		Optional<String> refusal = this.usage.refusal(id, locale);
		if (refusal.isPresent()) {
			model.addAttribute("problem", refusal.get());
			return builder(model, locale, id, name, rule, null);
		}
		this.segments.update(id, name, parsed);
		this.audit.record("segment.update", "segment:" + id);
		redirect.addFlashAttribute("saved", true);
		return "redirect:/segments/" + id;
	}

	@PostMapping("/segments/{id}/duplicate")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	String duplicate(@PathVariable long id, Authentication user, Locale locale) {
		SegmentDetail source = this.segments.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		long copy = this.segments.create(
				this.messages.getMessage("segments.copyName", new Object[] { source.name() }, locale), source.rule(),
				user.getName());
		this.audit.record("segment.duplicate", "segment:" + copy);
		return "redirect:/segments/" + copy + "/edit";
	}

	@PostMapping("/segments/{id}/delete")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	String delete(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
		this.segments.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Optional<String> refusal = this.usage.refusal(id, locale);
		if (refusal.isPresent()) {
			redirect.addFlashAttribute("problem", refusal.get());
			return "redirect:/segments/" + id;
		}
		this.segments.delete(id);
		this.audit.record("segment.delete", "segment:" + id);
		redirect.addFlashAttribute("deleted", true);
		return "redirect:/segments";
	}

	@PostMapping("/segments/preview")
	String preview(@RequestParam(defaultValue = "{\"all\":[]}") String rule, Model model, Locale locale) {
		try {
			SegmentRule parsed = SegmentRule.parse(rule);
			SegmentCount count = this.interactive.run(() -> this.segments.count(parsed));
			MemberPage preview = this.interactive.run(() -> this.segments.members(parsed, 0, PREVIEW_SIZE));
			boolean seesPii = PiiMasking.currentUserSeesPii();
			model.addAttribute("count", count);
			model.addAttribute("reach", reach(count));
			model.addAttribute("members",
					preview.content()
						.stream()
						.map((m) -> new MemberRow(m.externalId(), m.name(), PiiMasking.emailFor(m.email(), seesPii),
								PiiMasking.phoneFor(m.phone(), seesPii), m.prefecture()))
						.toList());
		}
		catch (InvalidSegmentRule ex) {
			ruleError(model, ex, locale);
		}
		catch (InteractiveQueries.QueryTimedOut ex) {
			model.addAttribute("ruleError", this.messages.getMessage("segments.error.timeout", null, locale));
		}
		return RESULT_FRAGMENT;
	}

	@PostMapping("/segments")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	String save(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "{\"all\":[]}") String rule,
			Authentication user, Model model, Locale locale, RedirectAttributes redirect) {
		if (name.isBlank()) {
			return builder(model, locale, null, name, rule, "segments.error.name");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			return builder(model, locale, null, name.substring(0, MAX_NAME_LENGTH), rule, "segments.error.nameLength");
		}
		SegmentRule parsed;
		try {
			parsed = SegmentRule.parse(rule);
		}
		catch (InvalidSegmentRule ex) {
			ruleError(model, ex, locale);
			return builder(model, locale, null, name, rule, null);
		}
		long id = this.segments.create(name, parsed, user.getName());
		this.audit.record("segment.create", "segment:" + id);
		redirect.addFlashAttribute("saved", true);
		return "redirect:/segments/" + id;
	}

	@GetMapping("/segments/{id}")
	String detail(@PathVariable long id, Model model, Locale locale) {
		SegmentDetail segment = this.segments.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		SegmentCount count = this.interactive.run(() -> this.segments.count(segment.rule()));
		long total = this.segments.totalCustomers();
		List<SegmentSnapshot> snapshots = this.segments.snapshots(id);
		model.addAttribute("segment", segment);
		model.addAttribute("ruleJson", segment.rule().toJson().toPrettyString());
		model.addAttribute("sentence", this.sentence.describe(segment.rule().toJson(), locale));
		model.addAttribute("count", count);
		model.addAttribute("reach", reach(count));
		model.addAttribute("total", total);
		model.addAttribute("share", (total == 0) ? 0.0 : (double) count.size() / total);
		// Response of 4R: the goal conversions of the scenarios that enter from this
		// segment
		model.addAttribute("responses",
				this.scenarios.responses(id)
					.stream()
					.map((r) -> new ScenarioResponse(r.id(), r.name(), r.enrollments()))
					.toList());
		model.addAttribute("snapshots", snapshots.stream()
			.map((s) -> new SnapshotRow(time(s.takenAt()), s.size(), s.reachEmail(), s.reachLine(), s.reachSms()))
			.toList());
		model.addAttribute("chartTimes", snapshots.stream().map((s) -> time(s.takenAt())).toList());
		model.addAttribute("chartSizes", snapshots.stream().map(SegmentSnapshot::size).toList());
		return DETAIL_VIEW;
	}

	@PostMapping("/segments/{id}/refresh")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	String refresh(@PathVariable long id, RedirectAttributes redirect) {
		this.segments.refresh(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		this.audit.record("segment.refresh", "segment:" + id);
		redirect.addFlashAttribute("refreshed", true);
		return "redirect:/segments/" + id;
	}

	@PostMapping("/segments/{id}/rank")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	String rank(@PathVariable long id, @RequestParam(required = false) @Nullable Integer rankPriority) {
		if (!this.segments.setRank(id, rankPriority)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return "redirect:/segments/" + id;
	}

	private String builder(Model model, Locale locale, @Nullable Long id, String name, String ruleJson,
			@Nullable String nameError) {
		List<SegmentFields.Field> offered = this.fields.fields(locale);
		model.addAttribute("segmentId", id);
		model.addAttribute("name", name);
		model.addAttribute("ruleJson", ruleJson);
		model.addAttribute("nameError", nameError);
		model.addAttribute("fields", offered);
		model.addAttribute("fieldsJson", this.json.writeValueAsString(offered));
		model.addAttribute("builderText", this.json.writeValueAsString(builderText(locale)));
		model.addAttribute("operators", Arrays.stream(RuleOperator.values()).map(RuleOperator::json).toList());
		return BUILDER_VIEW;
	}

	/**
	 * The words the builder's script puts together (sentence, units), in the page's
	 * language.
	 */
	private Map<String, Object> builderText(Locale locale) {
		Map<String, Object> text = new LinkedHashMap<>();
		for (String key : List.of("choose", "and", "andJoin", "or", "from", "to", "listHint", "listJoin", "sentence",
				"everyone")) {
			text.put(key, this.messages.getMessage("segments.builder.text." + key, null, locale));
		}
		Map<String, String> units = new LinkedHashMap<>();
		for (String type : List.of("days", "money", "count", "age")) {
			units.put(type, this.messages.getMessage("segments.builder.unit." + type, null, locale));
		}
		text.put("unit", units);
		return text;
	}

	/**
	 * A rule the module refused, in the user's language where the module gave a message
	 * code, with the JSON path so the builder can mark the condition.
	 */
	private void ruleError(Model model, InvalidSegmentRule ex, Locale locale) {
		model.addAttribute("ruleError", this.ruleMessages.forPage(ex, locale));
		model.addAttribute("rulePath", ex.path());
	}

	private static Map<String, Long> reach(SegmentCount count) {
		return Channel.messagingChannels()
			.stream()
			.collect(Collectors.toMap(Channel::name, count::reachable, (a, b) -> a, java.util.LinkedHashMap::new));
	}

	private @Nullable String time(@Nullable Instant instant) {
		return (instant != null) ? TIME.format(instant.atZone(this.shop.timeZone())) : null;
	}

	record ScenarioResponse(long id, String name, ScenarioView.Enrollments response) {
	}

}
