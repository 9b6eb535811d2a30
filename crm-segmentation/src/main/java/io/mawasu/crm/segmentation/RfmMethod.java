package io.mawasu.crm.segmentation;

/**
 * How an RFM run turns recency, frequency and monetary value into scores 1-5.
 */
public enum RfmMethod {

	/**
	 * Each score is {@code least(5, 1 + floor(5 * percent_rank()))} over all scored
	 * customers: by frequency and by monetary ascending, by recency days descending (the
	 * most recent buyers get 5). Ties share a score.
	 */
	QUANTILE,

	/**
	 * Four ascending cut points per axis: f and m are 1 + the number of cut points &le;
	 * the value; r is 5 &minus; the number of cut points &le; the recency days.
	 */
	THRESHOLD

}
