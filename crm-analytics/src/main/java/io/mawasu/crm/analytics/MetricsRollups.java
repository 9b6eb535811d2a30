package io.mawasu.crm.analytics;

import java.time.Clock;

import io.mawasu.crm.analytics.metrics.RollupQueries;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The metrics rollups ({@code analytics.engagement_daily} per scenario, step, variant,
 * channel and day; {@code analytics.enrollment_outcome} per enrolment).
 * {@link #refresh()} catches up incrementally with what arrived since the last refresh —
 * messages finished, opens, clicks and unsubscribes, enrolments, control holds, orders —
 * and runs on a schedule, once across instances (the watermark row is locked
 * {@code FOR UPDATE}). {@link #rebuild()} recomputes everything from the raw views and
 * gives the same rows.
 */
@Service
public class MetricsRollups {

	private final RollupQueries queries;

	private final AnalyticsProperties properties;

	private final Clock clock;

	MetricsRollups(RollupQueries queries, AnalyticsProperties properties, ObjectProvider<Clock> clock) {
		this.queries = queries;
		this.properties = properties;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** The scheduled catch-up: skipped when another instance holds the watermark. */
	@Scheduled(fixedDelayString = "${crm.analytics.rollup-interval:15s}",
			initialDelayString = "${crm.analytics.rollup-interval:15s}")
	@Transactional
	public void scheduledRefresh() {
		if (this.properties.rollupEnabled()) {
			this.queries.refresh(this.clock.instant(), this.properties.rollupSettle(), true);
		}
	}

	/**
	 * Catches up now, waiting for a refresh running elsewhere; returns the rollup groups
	 * recomputed.
	 */
	@Transactional
	public RefreshResult refresh() {
		return this.queries.refresh(this.clock.instant(), this.properties.rollupSettle(), false);
	}

	/** Recomputes every rollup row from the raw views. */
	@Transactional
	public RefreshResult rebuild() {
		return this.queries.rebuild(this.clock.instant());
	}

	/**
	 * What a refresh recomputed: (scenario, day) engagement buckets and enrolment
	 * outcomes.
	 */
	public record RefreshResult(int engagementBuckets, int outcomes) {

	}

}
