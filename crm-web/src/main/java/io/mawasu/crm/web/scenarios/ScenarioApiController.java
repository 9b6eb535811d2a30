package io.mawasu.crm.web.scenarios;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.mawasu.crm.delivery.TestSendFailed;
import io.mawasu.crm.scenario.ScenarioAction;
import io.mawasu.crm.scenario.ActivationPreview;
import io.mawasu.crm.scenario.ScenarioSummary;
import io.mawasu.crm.scenario.ScenarioView;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.scenario.UnknownScenario;
import io.mawasu.crm.web.audit.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

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
@Tag(name = "Scenarios")
class ScenarioApiController {

	private final Scenarios scenarios;

	private final AuditLog audit;

	ScenarioApiController(Scenarios scenarios, AuditLog audit) {
		this.scenarios = scenarios;
		this.audit = audit;
	}

	@Schema(name = "ScenarioCreated")
	record Created(@Schema(description = "The new scenario's id (status DRAFT)") long id) {
	}

	@Schema(name = "TestSendRequest")
	record TestSendRequest(@ArraySchema(
			schema = @Schema(description = "An email address, a LINE user id or a phone number",
					example = "team@example.com"),
			arraySchema = @Schema(description = "At most crm.delivery.test-send.max-recipients (20) addresses; "
					+ "each SEND step's content, every variant, goes to each")) @Nullable List<String> to) {
	}

	@Schema(name = "TestSent")
	record Sent(@Schema(description = "Messages sent") int sent) {
	}

	/**
	 * The body is read as text so that crm-scenario's parser sees it as posted (absent
	 * and null differ, unknown fields are refused); {@link ScenarioRequest} is its
	 * schema.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	@Operation(summary = "Save a new scenario as a DRAFT",
			description = "400 problem+json names the step and field at fault (properties step, field).")
	ResponseEntity<Created> create(
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(
							schema = @Schema(implementation = ScenarioRequest.class))) @RequestBody String json,
			Authentication user) {
		long id = this.scenarios.create(json, user.getName());
		this.audit.record("scenario.create", "scenario:" + id);
		return ResponseEntity.created(URI.create("/api/scenarios/" + id)).body(new Created(id));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	@Operation(summary = "Replace a DRAFT or PAUSED scenario's definition (a new test send is then needed)")
	ScenarioDetail update(@PathVariable long id, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(schema = @Schema(implementation = ScenarioRequest.class))) @RequestBody String json,
			Authentication user) {
		this.scenarios.update(id, json, user.getName());
		this.audit.record("scenario.update", "scenario:" + id);
		return ScenarioDetail.of(view(id));
	}

	@GetMapping
	@Operation(summary = "Every scenario with its active enrolments")
	List<ScenarioSummary> list() {
		return this.scenarios.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One scenario: its definition as posted, status, enrolments, counts per step, exits "
			+ "and the engine's failures")
	ScenarioDetail get(@PathVariable long id) {
		return ScenarioDetail.of(view(id));
	}

	/**
	 * What activating would do now: members of the entry segment messaged, held as
	 * control, or left out and why.
	 */
	@GetMapping("/{id}/activation-preview")
	@Operation(summary = "What activating would do now: who is messaged, held as control or left out and why")
	PreviewResponse activationPreview(@PathVariable long id) {
		ActivationPreview p = this.scenarios.activationPreview(id);
		return new PreviewResponse(p.members(), p.notReachable(), p.alreadyEnrolled(), p.higherPriority(), p.control(),
				p.treatment(), p.enrolled(), p.messagedNow(), p.firstStepSends(), p.entryWait());
	}

	/** {@link ActivationPreview} with its derived counts. */
	@Schema(name = "ActivationPreview",
			description = "members = notReachable + alreadyEnrolled + higherPriority + control + treatment")
	record PreviewResponse(long members, long notReachable, long alreadyEnrolled, long higherPriority, long control,
			long treatment, long enrolled, long messagedNow, boolean firstStepSends, @Nullable String entryWait) {
	}

	@PostMapping("/{id}/test-send")
	@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
	@Operation(summary = "Send every SEND step's content, each variant, to these addresses only ([TEST] in "
			+ "the subject); audited")
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
	@Operation(summary = "Activate (needs a test send after the last edit), pause, resume or archive")
	ScenarioDetail transition(@PathVariable long id,
			@Schema(allowableValues = { "activate", "pause", "resume", "archive" }) @PathVariable String action) {
		ScenarioView view = this.scenarios.transition(id, ScenarioAction.valueOf(action.toUpperCase(Locale.ROOT)));
		this.audit.record("scenario." + action, "scenario:" + id);
		return ScenarioDetail.of(view);
	}

	private ScenarioView view(long id) {
		return this.scenarios.find(id).orElseThrow(() -> new UnknownScenario(id));
	}

}
