package io.mawasu.crm.web.scenarios;

import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mawasu.crm.delivery.SendRules.QuietHours;
import io.mawasu.crm.delivery.TestSendFailed;
import io.mawasu.crm.scenario.ScenarioAction;
import io.mawasu.crm.scenario.ActivationPreview;
import io.mawasu.crm.scenario.ScenarioSummary;
import io.mawasu.crm.scenario.ScenarioView;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.scenario.UnknownScenario;
import io.mawasu.crm.web.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/scenarios}: save and edit definitions, test-send, and activate, pause,
 * resume or archive (ADMIN, MARKETER); read them with live counts (any signed-in role).
 */
@RestController
@RequestMapping("/api/scenarios")
class ScenarioApiController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	private final Scenarios scenarios;

	private final AuditLog audit;

	ScenarioApiController(Scenarios scenarios, AuditLog audit) {
		this.scenarios = scenarios;
		this.audit = audit;
	}

	record Created(long id) {
	}

	record TestSendRequest(@Nullable List<String> to) {
	}

	record Sent(int sent) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	ResponseEntity<Created> create(@RequestBody String json, Authentication user) {
		long id = this.scenarios.create(json, user.getName());
		this.audit.record("scenario.create", "scenario:" + id);
		return ResponseEntity.created(URI.create("/api/scenarios/" + id)).body(new Created(id));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	Map<String, Object> update(@PathVariable long id, @RequestBody String json, Authentication user) {
		this.scenarios.update(id, json, user.getName());
		this.audit.record("scenario.update", "scenario:" + id);
		return json(view(id));
	}

	@GetMapping
	List<ScenarioSummary> list() {
		return this.scenarios.list();
	}

	@GetMapping("/{id}")
	Map<String, Object> get(@PathVariable long id) {
		return json(view(id));
	}

	/**
	 * What activating would do now: members of the entry segment messaged, held as
	 * control, or left out and why.
	 */
	@GetMapping("/{id}/activation-preview")
	PreviewResponse activationPreview(@PathVariable long id) {
		ActivationPreview p = this.scenarios.activationPreview(id);
		return new PreviewResponse(p.members(), p.notReachable(), p.alreadyEnrolled(), p.higherPriority(), p.control(),
				p.treatment(), p.enrolled(), p.messagedNow(), p.firstStepSends(), p.entryWait());
	}

	/** {@link ActivationPreview} with its derived counts. */
	record PreviewResponse(long members, long notReachable, long alreadyEnrolled, long higherPriority, long control,
			long treatment, long enrolled, long messagedNow, boolean firstStepSends, @Nullable String entryWait) {
	}

	@PostMapping("/{id}/test-send")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	Sent testSend(@PathVariable long id, @RequestBody TestSendRequest request, Authentication user) {
		List<String> to = (request.to() != null) ? request.to() : List.of();
		try {
			int sent = this.scenarios.testSend(id, to, user.getName());
			auditTestSend(this.audit, user.getName(), id, to.size(), sent + " message(s) sent");
			return new Sent(sent);
		}
		catch (TestSendFailed ex) {
			auditTestSend(this.audit, user.getName(), id, to.size(), "the provider refused some");
			throw ex;
		}
	}

	/**
	 * Audits a test send that went to the provider: who, which scenario, to how many
	 * addresses and with what result (the addresses themselves stay out of the log).
	 */
	static void auditTestSend(AuditLog audit, @Nullable String user, long scenario, int addresses, String result) {
		audit.record(user, "scenario.test-send", "scenario:" + scenario, AuditLog.currentAddress(),
				"to " + addresses + " address(es): " + result);
	}

	/**
	 * activate, pause, resume or archive; a transition the status does not allow is 409.
	 */
	@PostMapping("/{id}/{action:activate|pause|resume|archive}")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	Map<String, Object> transition(@PathVariable long id, @PathVariable String action) {
		ScenarioView view = this.scenarios.transition(id, ScenarioAction.valueOf(action.toUpperCase(Locale.ROOT)));
		this.audit.record("scenario." + action, "scenario:" + id);
		return json(view);
	}

	private ScenarioView view(long id) {
		return this.scenarios.find(id).orElseThrow(() -> new UnknownScenario(id));
	}

	/**
	 * The GET body: the definition's fields as posted, with status, times, counts and the
	 * engine's failures ({@code count}, {@code lastError}, {@code lastFailedAt},
	 * {@code failingEnrollments}).
	 */
	static Map<String, Object> json(ScenarioView view) {
		JsonNode posted = JSON.readTree(view.definitionJson());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", view.id());
		body.put("name", view.name());
		body.put("status", view.status().name());
		body.put("segmentId", view.segmentId());
		body.put("priority", view.priority());
		body.put("controlPercent", view.controlPercent());
		body.put("frequencyCap", view.frequencyCap());
		body.put("goal", view.goal());
		body.put("exitAfterUnansweredSends", view.exitAfterUnansweredSends());
		QuietHours quiet = view.quietHours();
		Map<String, @Nullable Object> quietHours = new LinkedHashMap<>();
		if (quiet != null) {
			quietHours.put("from", HH_MM.format(quiet.from()));
			quietHours.put("to", HH_MM.format(quiet.to()));
			view.channelQuietHours()
				.forEach((channel, window) -> quietHours.put(channel.name(), (window != null)
						? Map.of("from", HH_MM.format(window.from()), "to", HH_MM.format(window.to())) : null));
		}
		body.put("quietHours", (quiet != null) ? quietHours : null);
		body.put("reentry", view.reentry().json());
		body.put("steps", posted.get("steps"));
		body.put("createdBy", view.createdBy());
		body.put("createdAt", view.createdAt());
		body.put("editedAt", view.editedAt());
		body.put("testSentAt", view.testSentAt());
		body.put("activatedAt", view.activatedAt());
		Map<String, Long> enrollments = new LinkedHashMap<>();
		enrollments.put("total", view.enrollments().total());
		enrollments.put("active", view.enrollments().active());
		enrollments.put("TREATMENT", view.enrollments().treatment());
		enrollments.put("CONTROL", view.enrollments().control());
		enrollments.put("treatmentGoal", view.enrollments().treatmentGoal());
		enrollments.put("controlGoal", view.enrollments().controlGoal());
		body.put("enrollments", enrollments);
		body.put("counts", view.counts());
		body.put("exits", view.exits());
		Map<String, @Nullable Object> failures = new LinkedHashMap<>();
		failures.put("count", view.failures().count());
		failures.put("lastError", view.failures().lastError());
		failures.put("lastFailedAt", view.failures().lastFailedAt());
		failures.put("failingEnrollments", view.failures().failingEnrollments());
		body.put("failures", failures);
		return body;
	}

}
