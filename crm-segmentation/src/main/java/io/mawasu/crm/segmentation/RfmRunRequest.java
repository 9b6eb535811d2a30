package io.mawasu.crm.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What to score. Every field is optional: the as-of date defaults to today in the shop's
 * zone, the method to {@link RfmMethod#QUANTILE}, the look-back window to unlimited.
 * {@code cuts} is required for {@link RfmMethod#THRESHOLD} and ignored otherwise.
 * {@code frequencyCuts} is for QUANTILE runs only: F is then scored by those four cut
 * points while R and M stay quantiles — for order data where most buyers bought once, so
 * that ties leave the middle F quantiles empty.
 *
 * @param asOf the last day whose orders count (inclusive, in the shop's zone)
 * @param method how scores are assigned
 * @param cuts the cut points of a threshold run
 * @param lookbackDays when set, only orders of the last so many days up to and including
 * the as-of date count
 * @param frequencyCuts the F cut points of a quantile run (order counts)
 */
public record RfmRunRequest(@Nullable LocalDate asOf, @Nullable RfmMethod method, @Nullable RfmCuts cuts,
		@Nullable Integer lookbackDays, @Nullable List<BigDecimal> frequencyCuts) {

	/** A request without F cut points for a quantile run. */
	public RfmRunRequest(@Nullable LocalDate asOf, @Nullable RfmMethod method, @Nullable RfmCuts cuts,
			@Nullable Integer lookbackDays) {
		this(asOf, method, cuts, lookbackDays, null);
	}

	/** A request with every default. */
	public static RfmRunRequest defaults() {
		return new RfmRunRequest(null, null, null, null);
	}

	/**
	 * The cut points the run scores by: every axis for THRESHOLD, only frequency for a
	 * QUANTILE run with {@code frequencyCuts}, none otherwise.
	 */
	public @Nullable RfmCuts scoringCuts() {
		if (methodOrDefault() == RfmMethod.THRESHOLD) {
			return this.cuts;
		}
		return (this.frequencyCuts != null) ? new RfmCuts(null, this.frequencyCuts, null) : null;
	}

	/** The method, {@link RfmMethod#QUANTILE} when absent. */
	public RfmMethod methodOrDefault() {
		return (this.method != null) ? this.method : RfmMethod.QUANTILE;
	}

	/**
	 * Checks the request.
	 * @throws InvalidRfmRequest naming the field at fault
	 */
	public void validate() {
		if (this.lookbackDays != null && this.lookbackDays < 1) {
			throw new InvalidRfmRequest("lookbackDays must be a positive number of days, or absent for no limit");
		}
		if (methodOrDefault() == RfmMethod.THRESHOLD) {
			if (this.cuts == null) {
				throw new InvalidRfmRequest(
						"cuts is required for method THRESHOLD: give recency, frequency and monetary, four ascending numbers each");
			}
			this.cuts.validate();
			if (this.frequencyCuts != null) {
				throw new InvalidRfmRequest(
						"frequencyCuts is for QUANTILE runs; a THRESHOLD run takes its F cut points from cuts.frequency");
			}
		}
		else if (this.frequencyCuts != null) {
			RfmCuts.check("frequencyCuts", this.frequencyCuts);
		}
	}

}
