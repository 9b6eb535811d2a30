package io.mawasu.crm.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.delivery.SendRules.FrequencyCap;
import io.mawasu.crm.delivery.SendRules.QuietHours;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioDefinition.Goal;
import io.mawasu.crm.scenario.ScenarioDefinition.Reentry;
import io.mawasu.crm.scenario.ScenarioDefinition.Step;
import org.jspecify.annotations.Nullable;

/**
 * A scenario with its live numbers. {@code definitionJson} is the definition as posted;
 * {@code counts} maps a step key to counts by state: ACTIVE (enrolments now at the step),
 * the step's logged events (ENTERED, QUEUED, CONTROL_HELD, BRANCH_THEN, BRANCH_ELSE,
 * EXITED, SKIPPED) and, for SEND steps, its messages by delivery state (QUEUED is then
 * the messages still queued, SENDING, SENT, FAILED, SUPPRESSED; QUEUED, SENT, SUPPRESSED,
 * FAILED and CONTROL_HELD are always present, 0 when none); {@code exits} maps an
 * {@link ExitReason} name to its count; {@code failures} says whether the engine or
 * enrolment failed on it.
 */
public record ScenarioView(long id, String name, ScenarioStatus status, long segmentId, int priority,
		int controlPercent, @Nullable FrequencyCap frequencyCap, @Nullable Goal goal,
		@Nullable Integer exitAfterUnansweredSends, @Nullable QuietHours quietHours, Reentry reentry, List<Step> steps,
		String definitionJson, @Nullable String createdBy, Instant createdAt, Instant editedAt,
		@Nullable Instant testSentAt, @Nullable Instant activatedAt, Enrollments enrollments,
		Map<String, Map<String, Long>> counts, Map<String, Long> exits, Failures failures) {

	/**
	 * The engine's failures on this scenario: how many times a step or an enrolment run
	 * failed (each rolled back alone and retried later), the last error and its time, and
	 * how many active enrolments wait for a retry after a failure now.
	 */
	public record Failures(long count, @Nullable String lastError, @Nullable Instant lastFailedAt,
			long failingEnrollments) {

		/** Whether anything failed that a person should look at. */
		public boolean any() {
			return this.count > 0 || this.failingEnrollments > 0;
		}

	}

	/** Enrolments over all cycles: all, still active, and by group. */
	/**
	 * Enrolments per state and group, and how many of each group reached the goal (the
	 * Response of 4R: conversions of TREATMENT against CONTROL).
	 */
	public record Enrollments(long total, long active, long treatment, long control, long treatmentGoal,
			long controlGoal) {

		public double treatmentRate() {
			return (this.treatment == 0) ? 0.0 : (double) this.treatmentGoal / this.treatment;
		}

		public double controlRate() {
			return (this.control == 0) ? 0.0 : (double) this.controlGoal / this.control;
		}

	}

	/** Per-channel quiet hours that override {@link #quietHours()} (null: none). */
	public Map<Channel, @Nullable QuietHours> channelQuietHours() {
		return ScenarioDefinition.stored(this.definitionJson).channelQuietHours();
	}

	/** Whether a test send happened after the last edit, as activation needs. */
	public boolean testedSinceEdit() {
		return this.testSentAt != null && this.testSentAt.isAfter(this.editedAt);
	}

}
