package io.mawasu.crm.domain.demo;

/**
 * How many orders a demo customer places over the three years: a share never buys, a
 * share buys once, and the repeaters follow a truncated discrete Pareto law, {@code
 * P(K >= k) = (k - 1)^-alpha} for {@code 2 <= k <= cap}. The survival ratio
 * {@code P(K >= k + 1 | K >= k)} rises with k, which gives the F2 drop-off and the long
 * tail of loyal heavy buyers seen in real order data. A repeater's extra orders are then
 * scaled by the customer's tenure (the share of the three years since registration,
 * {@value #MEAN_TENURE} on average) and rounded stochastically (down, or up with the
 * probability of the fraction), which keeps the mean: a customer registered last month
 * has had little time to come back, so recent cohorts do not all get a second order
 * within days, as rounding up would give them.
 *
 * @param nonBuyerShare registered customers without an order
 * @param oneTimeShare buyers with exactly one order
 * @param alpha tail exponent of the repeaters
 * @param cap the most orders one customer places
 */
record PurchaseFrequency(double nonBuyerShare, double oneTimeShare, double alpha, int cap) {

	static final double NON_BUYERS = 0.08;

	static final double ONE_TIME_BUYERS = 0.60;

	static final int CAP = 300;

	/** Mean share of the window a customer is registered: registration at u^0.75. */
	static final double MEAN_TENURE = 1 - 1 / 1.75;

	private static final double MIN_ALPHA = 0.05;

	private static final double MAX_ALPHA = 3.0;

	/**
	 * The law whose mean is {@code ordersPerCustomer} (over all customers, non-buyers
	 * included): the tail exponent is solved for; when even the flattest tail is too
	 * short it stays there, and when the mean is below what ~60% one-time buyers allow,
	 * the one-time share grows instead.
	 */
	static PurchaseFrequency calibrate(double ordersPerCustomer) {
		double perBuyer = untenured(ordersPerCustomer / (1 - NON_BUYERS));
		if (perBuyer <= 1) {
			return new PurchaseFrequency(NON_BUYERS, 1.0, MAX_ALPHA, CAP);
		}
		double minimum = ONE_TIME_BUYERS + (1 - ONE_TIME_BUYERS) * repeaterMean(MAX_ALPHA, CAP);
		if (perBuyer < minimum) {
			double oneTime = 1 - (perBuyer - 1) / (repeaterMean(MAX_ALPHA, CAP) - 1);
			return new PurchaseFrequency(NON_BUYERS, oneTime, MAX_ALPHA, CAP);
		}
		double target = (perBuyer - ONE_TIME_BUYERS) / (1 - ONE_TIME_BUYERS);
		double low = MIN_ALPHA;
		double high = MAX_ALPHA;
		for (int i = 0; i < 60; i++) {
			double mid = (low + high) / 2;
			if (repeaterMean(mid, CAP) > target) {
				low = mid;
			}
			else {
				high = mid;
			}
		}
		return new PurchaseFrequency(NON_BUYERS, ONE_TIME_BUYERS, (low + high) / 2, CAP);
	}

	/** The mean per buyer before tenure scaling that gives {@code perBuyer} after it. */
	private static double untenured(double perBuyer) {
		return 1 + Math.max(perBuyer - 1, 0) / MEAN_TENURE;
	}

	/** {@code E[K] = 1 + sum_{j=1}^{cap-1} j^-alpha} for a repeater. */
	static double repeaterMean(double alpha, int cap) {
		double mean = 1;
		for (int j = 1; j < cap; j++) {
			mean += Math.pow(j, -alpha);
		}
		return mean;
	}

	double expectedOrdersPerCustomer() {
		double untenured = this.oneTimeShare + (1 - this.oneTimeShare) * repeaterMean(this.alpha, this.cap);
		return (1 - this.nonBuyerShare) * (1 + (untenured - 1) * MEAN_TENURE);
	}

}
