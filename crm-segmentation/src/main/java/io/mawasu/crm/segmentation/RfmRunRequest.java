package io.mawasu.crm.segmentation;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What to score. Every field is optional: the as-of date defaults to today in the shop's
 * zone, the method to {@link RfmMethod#QUANTILE}, the look-back window to unlimited.
 * {@code cuts} is required for {@link RfmMethod#THRESHOLD} and ignored otherwise.
 *
 * @param asOf the last day whose orders count (inclusive, in the shop's zone)
 * @param method how scores are assigned
 * @param cuts the cut points of a threshold run
 * @param lookbackDays when set, only orders of the last so many days up to and including
 * the as-of date count
 */
public record RfmRunRequest(@Nullable LocalDate asOf, @Nullable RfmMethod method, @Nullable RfmCuts cuts,
		@Nullable Integer lookbackDays) {

	/** A request with every default. */
	public static RfmRunRequest defaults() {
		return new RfmRunRequest(null, null, null, null);
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
		}
	}

}
