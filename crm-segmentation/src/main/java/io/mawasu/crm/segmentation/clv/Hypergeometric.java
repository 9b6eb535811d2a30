package io.mawasu.crm.segmentation.clv;

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1 by its power series
 * Σ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ (Abramowitz &amp; Stegun 15.1.1), summed until a term no
 * longer changes the sum. Commons Math and Hipparchus have no ₂F₁; the BG/NBD conditional
 * expectation needs it only for 0 ≤ z &lt; 1, where the series converges, and calls it
 * after Euler's transformation (A&amp;S 15.3.3), whose parameters stay small whatever the
 * customer's frequency.
 */
final class Hypergeometric {

	private static final int MAX_TERMS = 1_000_000;

	private Hypergeometric() {
	}

	static double f21(double a, double b, double c, double z) {
		if (z < 0 || z >= 1) {
			throw new IllegalArgumentException("2F1 is summed only for 0 <= z < 1, not " + z);
		}
		double term = 1;
		double sum = 1;
		for (int k = 0; k < MAX_TERMS; k++) {
			term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
			double next = sum + term;
			if (next == sum && k > 2 && Math.abs(term) <= Math.ulp(sum)) {
				return next;
			}
			sum = next;
			if (!Double.isFinite(sum)) {
				return sum;
			}
		}
		return sum;
	}

}
