package io.mawasu.crm.segmentation;

/**
 * One customer in a CLV fit: frequency x, recency and t (T) in the fit's unit, P(alive),
 * the expected purchases over the horizon, the expected spend per purchase and clv =
 * expectedPurchases × expectedSpend.
 */
public record ClvPrediction(long fitId, String externalId, int frequency, double recency, double t, double pAlive,
		double expectedPurchases, double expectedSpend, double clv) {

}
