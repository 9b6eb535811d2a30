package io.mawasu.crm.scenario;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A scenario in the list, with its enrolments still active. */
public record ScenarioSummary(long id, String name, ScenarioStatus status, long segmentId, int priority,
		int controlPercent, long activeEnrollments, Instant createdAt, Instant editedAt,
		@Nullable Instant activatedAt) {

}
