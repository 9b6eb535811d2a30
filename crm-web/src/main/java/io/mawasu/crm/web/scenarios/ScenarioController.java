package io.mawasu.crm.web.scenarios;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.InvalidScenario;
import io.mawasu.crm.scenario.ScenarioAction;
import io.mawasu.crm.scenario.ScenarioConflict;
import io.mawasu.crm.delivery.TestSendFailed;
import io.mawasu.crm.scenario.ScenarioStatus;
import io.mawasu.crm.scenario.ScenarioSummary;
import io.mawasu.crm.scenario.ScenarioView;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.SegmentCount;
import io.mawasu.crm.segmentation.SegmentDetail;
import io.mawasu.crm.segmentation.SegmentSummary;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Scenario pages: the list, and the builder (scenario fields, the steps as a graph drawn
 * by js/scenario-builder.js with a step editor for editing roles only, the definition
 * posted as the API's JSON, live counts per step, the entry segment's 4R with the goal as
 * Response) with test-send and the lifecycle buttons. Viewing is open to every signed-in
 * role; editing and running to ADMIN and MARKETER. The rules of a valid scenario and of
 * its lifecycle live in {@link Scenarios}.
 */
@Controller
class ScenarioController {

	static final String LIST_VIEW = "scenarios/list";

	static final String BUILDER_VIEW = "scenarios/builder";

	static final String COUNTS_FRAGMENT = "scenarios/fragments :: counts";

	static final String ACTIVATION_FRAGMENT = "scenarios/fragments :: activation";

	static final String EDITORS = "hasAnyRole('ADMIN', 'MARKETER')";

	static final String NEW_DEFINITION = """
			{"name":"","segmentId":null,"priority":10,"controlPercent":10,"frequencyCap":{"max":3,"days":7},\
			"goal":{"type":"PURCHASE","withinDays":14},"exitAfterUnansweredSends":3,\
			"quietHours":{"from":"21:00","to":"09:00"},\
			"steps":[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":null,"next":"x"},{"key":"x","type":"EXIT"}]}""";

	/** The order states are shown in; others follow as they come. */
	static final List<String> STATE_ORDER = List.of("ACTIVE", "ENTERED", "CONTROL_HELD", "QUEUED", "SENDING", "SENT",
			"FAILED", "SUPPRESSED", "SKIPPED", "BRANCH_THEN", "BRANCH_ELSE", "EXITED");

	private final Scenarios scenarios;

	private final Segments segments;

	private final Contents contents;

	private final AuditLog audit;

	private final MessageSource messages;

	ScenarioController(Scenarios scenarios, Segments segments, Contents contents, AuditLog audit,
			MessageSource messages) {
		this.scenarios = scenarios;
		this.segments = segments;
		this.contents = contents;
		this.audit = audit;
		this.messages = messages;
	}

	record ScenarioRow(long id, String name, ScenarioStatus status, long segmentId, @Nullable String segmentName,
			int priority, int controlPercent, long activeEnrollments) {
	}

	record Option(long id, String name, @Nullable String channel) {
	}

	record StepCounts(String step, Map<String, Long> byState) {
	}

	record FourR(long size, long total, double share, Map<String, Long> reach, @Nullable Integer rank,
			ScenarioView.Enrollments response) {
	}

	@GetMapping("/scenarios")
	String list(Model model) {
		Map<Long, String> names = segmentNames();
		List<ScenarioSummary> summaries = this.scenarios.list();
		model.addAttribute("scenarios",
				summaries.stream()
					.map((s) -> new ScenarioRow(s.id(), s.name(), s.status(), s.segmentId(), names.get(s.segmentId()),
							s.priority(), s.controlPercent(), s.activeEnrollments()))
					.toList());
		return LIST_VIEW;
	}

	@GetMapping("/scenarios/new")
	@PreAuthorize(EDITORS)
	String create(Model model) {
		return builder(model, null, NEW_DEFINITION, null);
	}

	@PostMapping("/scenarios")
	@PreAuthorize(EDITORS)
	String save(@RequestParam(defaultValue = "") String definition, Authentication user, Model model,
			RedirectAttributes redirect) {
		long id;
		try {
			id = this.scenarios.create(definition, user.getName());
		}
		catch (InvalidScenario ex) {
			return builder(model, null, definition, ex);
		}
		this.audit.record("scenario.create", "scenario:" + id);
		redirect.addFlashAttribute("notice", "scenarios.saved");
		return "redirect:/scenarios/" + id;
	}

	@GetMapping("/scenarios/{id}")
	String detail(@PathVariable long id, Model model) {
		ScenarioView view = find(id);
		return builder(model, view, view.definitionJson(), null);
	}

	@PostMapping("/scenarios/{id}")
	@PreAuthorize(EDITORS)
	String update(@PathVariable long id, @RequestParam(defaultValue = "") String definition, Authentication user,
			Model model, RedirectAttributes redirect) {
		ScenarioView view = find(id);
		try {
			this.scenarios.update(id, definition, user.getName());
		}
		catch (InvalidScenario ex) {
			return builder(model, view, definition, ex);
		}
		catch (ScenarioConflict ex) {
			model.addAttribute("problem", message(ex));
			return builder(model, view, definition, null);
		}
		this.audit.record("scenario.update", "scenario:" + id);
		redirect.addFlashAttribute("notice", "scenarios.saved");
		return "redirect:/scenarios/" + id;
	}

	@GetMapping("/scenarios/{id}/counts")
	String counts(@PathVariable long id, Model model) {
		addCounts(model, find(id));
		return COUNTS_FRAGMENT;
	}

	/**
	 * The confirmation before activation: who will be messaged now, who is held as
	 * control, and why the number is smaller than the segment.
	 */
	@GetMapping("/scenarios/{id}/activation-preview")
	@PreAuthorize(EDITORS)
	String activationPreview(@PathVariable long id, Model model) {
		ScenarioView view = find(id);
		model.addAttribute("scenario", view);
		model.addAttribute("preview", this.scenarios.activationPreview(id));
		return ACTIVATION_FRAGMENT;
	}

	@PostMapping("/scenarios/{id}/test-send")
	@PreAuthorize(EDITORS)
	String testSend(@PathVariable long id, @RequestParam(defaultValue = "") String to, Authentication user,
			RedirectAttributes redirect) {
		find(id);
		List<String> addresses = Arrays.stream(to.split("[,;\\s]+")).filter((a) -> !a.isBlank()).toList();
		try {
			int sent = this.scenarios.testSend(id, addresses, user.getName());
			ScenarioApiController.auditTestSend(this.audit, user.getName(), id, addresses.size(),
					sent + " message(s) sent");
			redirect.addFlashAttribute("notice", "scenarios.testSent");
			redirect.addFlashAttribute("sent", sent);
		}
		catch (TestSendFailed ex) {
			ScenarioApiController.auditTestSend(this.audit, user.getName(), id, addresses.size(),
					"the provider refused some");
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		catch (ScenarioConflict ex) {
			redirect.addFlashAttribute("problem", message(ex));
		}
		catch (InvalidScenario ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/scenarios/" + id;
	}

	@PostMapping("/scenarios/{id}/{action:activate|pause|resume|archive}")
	@PreAuthorize(EDITORS)
	String lifecycle(@PathVariable long id, @PathVariable String action, RedirectAttributes redirect) {
		find(id);
		try {
			this.scenarios.transition(id, ScenarioAction.valueOf(action.toUpperCase(Locale.ROOT)));
			this.audit.record("scenario." + action, "scenario:" + id);
			redirect.addFlashAttribute("notice", "scenarios.done." + action);
		}
		catch (ScenarioConflict ex) {
			redirect.addFlashAttribute("problem", message(ex));
		}
		catch (InvalidScenario ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/scenarios/" + id;
	}

	private static boolean mayEdit() {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		return user != null && user.getAuthorities()
			.stream()
			.anyMatch((a) -> "ROLE_ADMIN".equals(a.getAuthority()) || "ROLE_MARKETER".equals(a.getAuthority()));
	}

	/** Why a scenario refused, in the user's language. */
	private String message(ScenarioConflict ex) {
		return this.messages.getMessage(ex.code(), ex.arguments(), String.valueOf(ex.getMessage()),
				LocaleContextHolder.getLocale());
	}

	private String builder(Model model, @Nullable ScenarioView view, String definition,
			@Nullable InvalidScenario error) {
		model.addAttribute("scenario", view);
		model.addAttribute("definition", definition);
		// read-only roles see the definition, not the controls that would change it
		model.addAttribute("editable", mayEdit() && (view == null || view.status().editable()));
		if (error != null) {
			model.addAttribute("problem", error.getMessage());
			model.addAttribute("errorStep", error.step());
			model.addAttribute("errorField", error.field());
		}
		model.addAttribute("segmentOptions",
				this.segments.list().stream().map((s) -> new Option(s.id(), s.name(), null)).toList());
		model.addAttribute("contentOptions",
				this.contents.list().stream().map((c) -> new Option(c.id(), c.name(), c.channel().name())).toList());
		model.addAttribute("channels", Channel.messagingChannels());
		model.addAttribute("stepTypes", List.of("SEND", "WAIT", "BRANCH", "EXIT"));
		model.addAttribute("conditionKinds", List.of("opened", "clicked", "purchased", "rule"));
		if (view != null) {
			model.addAttribute("actions", view.status().actions().stream().map(ScenarioAction::path).toList());
			addCounts(model, view);
			model.addAttribute("fourR", fourR(view));
		}
		return BUILDER_VIEW;
	}

	private void addCounts(Model model, ScenarioView view) {
		Set<String> states = new LinkedHashSet<>();
		view.counts().values().forEach((byState) -> states.addAll(byState.keySet()));
		List<String> columns = new ArrayList<>(STATE_ORDER.stream().filter(states::contains).toList());
		states.stream().filter((s) -> !columns.contains(s)).forEach(columns::add);
		model.addAttribute("scenario", view);
		model.addAttribute("stateColumns", columns);
		model.addAttribute("stepCounts",
				view.counts().entrySet().stream().map((e) -> new StepCounts(e.getKey(), e.getValue())).toList());
	}

	private @Nullable FourR fourR(ScenarioView view) {
		SegmentDetail segment = this.segments.find(view.segmentId()).orElse(null);
		if (segment == null) {
			return null;
		}
		SegmentCount count = this.segments.count(segment.rule());
		long total = this.segments.totalCustomers();
		Map<String, Long> reach = new LinkedHashMap<>();
		for (Channel channel : Channel.messagingChannels()) {
			reach.put(channel.name(), count.reachable(channel));
		}
		return new FourR(count.size(), total, (total == 0) ? 0.0 : (double) count.size() / total, reach,
				segment.rankPriority(), view.enrollments());
	}

	private Map<Long, String> segmentNames() {
		Map<Long, String> names = new LinkedHashMap<>();
		for (SegmentSummary s : this.segments.list()) {
			names.put(s.id(), s.name());
		}
		return names;
	}

	private ScenarioView find(long id) {
		return this.scenarios.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
