package io.mawasu.crm.web.scenarios;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mawasu.crm.delivery.SendRules;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioDefinition;
import io.mawasu.crm.scenario.ScenarioStatus;
import io.mawasu.crm.scenario.ScenarioView;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scenario as {@code GET /api/scenarios/{id}} (and its update and lifecycle actions)
 * return it: the definition's fields as posted, with status, times, enrolments, counts
 * per step, exits and the engine's failures. Every field is always present, null where
 * there is no value.
 */
@Schema(name = "Scenario")
record ScenarioDetail(long id, String name, ScenarioStatus status, long segmentId,
		@Schema(description = "Higher wins when a customer is in several active scenarios") int priority,
		@Schema(description = "Percent held out as the control group") int controlPercent,
		@Schema(nullable = true) ScenarioRequest.@Nullable FrequencyCap frequencyCap,
		@Schema(nullable = true) ScenarioRequest.@Nullable Goal goal,
		@Schema(nullable = true) @Nullable Integer exitAfterUnansweredSends,
		@Schema(nullable = true,
				description = "null: the scenario sends at any time") ScenarioRequest.@Nullable QuietHours quietHours,
		@Schema(oneOf = {
				ScenarioRequest.ReentryMode.class, ScenarioRequest.AfterDays.class }) Object reentry,
		@ArraySchema(schema = @Schema(implementation = ScenarioRequest.Step.class),
				arraySchema = @Schema(description = "The steps exactly as posted")) List<JsonNode> steps,
		@Schema(nullable = true) @Nullable String createdBy, Instant createdAt, Instant editedAt,
		@Schema(nullable = true,
				description = "The last test send; activation needs one after editedAt") @Nullable Instant testSentAt,
		@Schema(nullable = true) @Nullable Instant activatedAt, Enrollments enrollments,
		@Schema(description = "Per step key: counts by state (ACTIVE, ENTERED, QUEUED, SENT, …)",
				example = "{\"s1\":{\"ACTIVE\":0,\"QUEUED\":0,\"SENT\":120,\"SUPPRESSED\":2,\"FAILED\":0,\"CONTROL_HELD\":14}}") Map<String, Map<String, Long>> counts,
		@Schema(description = "Exits per reason (COMPLETED, GOAL, NO_RESPONSE, PRIORITY, OPTED_OUT, …)",
				example = "{\"COMPLETED\":80,\"GOAL\":12}") Map<String, Long> exits,
		Failures failures){

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	/** Enrolments over all visits: all, still active, per group, and goals per group. */
	@Schema(name = "ScenarioEnrollments")
	record Enrollments(long total, long active, @JsonProperty("TREATMENT") long treatment,
			@JsonProperty("CONTROL") long control,
			@Schema(description = "Treatment enrolments that reached the goal") long treatmentGoal,
			@Schema(description = "Control enrolments that reached the goal") long controlGoal) {
	}

	/**
	 * Steps the engine could not run: failures so far, the last error and its time, and
	 * the active enrolments waiting for a retry.
	 */
	@Schema(name = "ScenarioFailures")
	record Failures(long count, @Schema(nullable = true) @Nullable String lastError,
			@Schema(nullable = true) @Nullable Instant lastFailedAt, long failingEnrollments) {
	}

	static ScenarioDetail of(ScenarioView view) {
		JsonNode steps = JSON.readTree(view.definitionJson()).get("steps");
		List<JsonNode> posted = (steps != null && steps.isArray()) ? List.copyOf(steps.values()) : List.of();
		SendRules.FrequencyCap cap = view.frequencyCap();
		ScenarioDefinition.Goal goal = view.goal();
		ScenarioView.Enrollments e = view.enrollments();
		ScenarioView.Failures f = view.failures();
		return new ScenarioDetail(view.id(), view.name(), view.status(), view.segmentId(), view.priority(),
				view.controlPercent(),
				(cap != null) ? new ScenarioRequest.FrequencyCap(cap.max(), cap.days(), cap.perChannel()) : null,
				(goal != null) ? new ScenarioRequest.Goal(goal.type(), goal.withinDays()) : null,
				view.exitAfterUnansweredSends(), quietHours(view), reentry(view.reentry()), posted, view.createdBy(),
				view.createdAt(), view.editedAt(), view.testSentAt(), view.activatedAt(),
				new Enrollments(e.total(), e.active(), e.treatment(), e.control(), e.treatmentGoal(), e.controlGoal()),
				view.counts(), view.exits(),
				new Failures(f.count(), f.lastError(), f.lastFailedAt(), f.failingEnrollments()));
	}

	/** As posted: "NEVER", "ALWAYS" or {"afterDays": n}. */
	private static Object reentry(ScenarioDefinition.Reentry reentry) {
		Integer days = reentry.afterDays();
		return (reentry.kind() == ScenarioDefinition.Reentry.Kind.AFTER_DAYS && days != null)
				? new ScenarioRequest.AfterDays(days) : ScenarioRequest.ReentryMode.valueOf(reentry.kind().name());
	}

	private static ScenarioRequest.@Nullable QuietHours quietHours(ScenarioView view) {
		SendRules.QuietHours quiet = view.quietHours();
		if (quiet == null) {
			return null;
		}
		Map<Channel, ScenarioRequest.@Nullable Window> channels = new LinkedHashMap<>();
		view.channelQuietHours()
			.forEach((channel, window) -> channels.put(channel, (window != null)
					? new ScenarioRequest.Window(HH_MM.format(window.from()), HH_MM.format(window.to())) : null));
		return new ScenarioRequest.QuietHours(HH_MM.format(quiet.from()), HH_MM.format(quiet.to()), channels);
	}

}
