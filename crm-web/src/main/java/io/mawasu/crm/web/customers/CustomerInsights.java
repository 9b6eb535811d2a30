package io.mawasu.crm.web.customers;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the analyses know about a customer, shown on its page and in the customer API: the
 * RFM score of the latest run and the segments it belongs to.
 */
public interface CustomerInsights {

	/** The customer's score in the latest RFM run, or {@code null} when it has none. */
	@Nullable Rfm rfm(String externalId);

	/** The segments whose latest snapshot holds the customer. */
	List<SegmentMembership> segments(String externalId);

	/**
	 * An RFM score as {@code GET /api/customers/{externalId}/rfm} gives it.
	 *
	 * @param recencyDays calendar days since the last order in the shop's zone
	 * @param frequency number of orders
	 * @param monetary total spent
	 * @param r recency score 1-5
	 * @param f frequency score 1-5
	 * @param m monetary score 1-5
	 * @param segment the code of the named RFM segment
	 */
	record Rfm(int recencyDays, int frequency, BigDecimal monetary, int r, int f, int m, String segment) {

	}

	/** A segment the customer is a member of. */
	record SegmentMembership(long id, String name) {

	}

}
