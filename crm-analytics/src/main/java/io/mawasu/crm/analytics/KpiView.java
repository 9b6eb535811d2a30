package io.mawasu.crm.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A KPI with where it stands: {@code actual} (null when there is nothing to measure yet),
 * {@code progress} = actual / target, {@code status}, and when it is BEHIND the
 * {@code likelyFactor} of a scenario KPI.
 */
public record KpiView(long id, String name, KpiMetric metric, LocalDate from, LocalDate to, BigDecimal target,
		@Nullable BigDecimal baseline, @Nullable Long scenarioId, @Nullable Long segmentId, @Nullable Double actual,
		@Nullable Double progress, Status status, @Nullable Factor likelyFactor, @Nullable String createdBy,
		Instant createdAt) {

	/**
	 * ACHIEVED: progress ≥ 1; ON_TRACK: progress at least the elapsed share of the
	 * period; BEHIND otherwise; NOT_STARTED before the period.
	 */
	public enum Status {

		ACHIEVED, ON_TRACK, BEHIND, NOT_STARTED

	}

	/**
	 * Where a scenario falls short, the way marketers reason: REACH (few of the treatment
	 * reached: the segment or consent), OPEN_RATE (subject and timing), CTR (content and
	 * frequency), CVR (offer and landing page).
	 */
	public enum Factor {

		REACH, OPEN_RATE, CTR, CVR

	}

}
