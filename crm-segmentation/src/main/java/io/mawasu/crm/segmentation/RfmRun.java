package io.mawasu.crm.segmentation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One RFM scoring pass.
 *
 * @param id the run's id
 * @param asOf the last day whose orders counted
 * @param method how scores were assigned
 * @param lookbackDays the look-back window in days, {@code null} for unlimited
 * @param cuts the cut points of a threshold run
 * @param status where the run stands
 * @param startedAt when it started
 * @param finishedAt when it finished (done or failed)
 * @param customers the number of scored customers (those with at least one order with a
 * positive amount up to the as-of date), once done
 * @param noPurchase the number of customers that were not scored, once done
 * @param error why the run failed
 * @param segments scored customers per segment code, in the segments' order
 */
public record RfmRun(long id, LocalDate asOf, RfmMethod method, @Nullable Integer lookbackDays, @Nullable RfmCuts cuts,
		RfmRunStatus status, Instant startedAt, @Nullable Instant finishedAt, @Nullable Integer customers,
		@Nullable Integer noPurchase, @Nullable String error, Map<String, Long> segments) {

}
