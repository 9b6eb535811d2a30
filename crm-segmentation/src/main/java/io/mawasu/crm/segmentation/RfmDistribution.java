package io.mawasu.crm.segmentation;

import java.math.BigDecimal;
import java.util.List;

/**
 * How a run's scored customers spread over the R &times; F grid and over the named
 * segments.
 *
 * @param run the run
 * @param cells one entry per (r, f) with at least one customer
 * @param segments one entry per named segment (zero counts included), in display order
 * @param customers the scored customers
 * @param revenue the sum of their monetary values
 */
public record RfmDistribution(RfmRun run, List<Cell> cells, List<SegmentShare> segments, long customers,
		BigDecimal revenue) {

	/**
	 * Customers with recency score {@code r} and frequency score {@code f}.
	 *
	 * @param r recency score
	 * @param f frequency score
	 * @param customers how many
	 * @param revenue the sum of their monetary values
	 */
	public record Cell(int r, int f, long customers, BigDecimal revenue) {

	}

	/**
	 * Customers in one named segment.
	 *
	 * @param segment the segment
	 * @param customers how many
	 * @param revenue the sum of their monetary values
	 */
	public record SegmentShare(RfmSegment segment, long customers, BigDecimal revenue) {

	}

}
