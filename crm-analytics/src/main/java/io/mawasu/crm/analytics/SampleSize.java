package io.mawasu.crm.analytics;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Customers per group a two-sided two-proportion test needs, as R's
 * {@code power.prop.test(p1, p2, sig.level = alpha, power = power, strict = TRUE)}: the
 * power function with both tails, with q = Φ⁻¹(1 − α/2), d = |p1 − p2| and s̄ = √((p1 +
 * p2)(q1 + q2)/2), s = √(p1q1 + p2q2), is Φ((√n·d − q·s̄)/s) + Φ((−√n·d − q·s̄)/s),
 * solved for n (R uses {@code uniroot}; here Brent's method to 1e-9) and rounded up. For
 * p1 = .5, p2 = .75, power = .9 R gives n = 76.65, so 77 per group.
 */
public final class SampleSize {

	private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

	/**
	 * No test needs more customers per group than this; beyond it the answer is "too
	 * many".
	 */
	public static final double MAX_PER_GROUP = 1e9;

	private SampleSize() {
	}

	/** The unrounded n of R's power.prop.test; checks its arguments. */
	public static double exactPerGroup(double p1, double p2, double alpha, double power) {
		rate("p1", p1);
		rate("p2", p2);
		rate("alpha", alpha);
		rate("power", power);
		if (p1 == p2) {
			throw new IllegalArgumentException("p1 and p2 must differ: no sample size detects a difference of 0");
		}
		if (power <= alpha / 2) {
			throw new IllegalArgumentException(
					"power must be greater than alpha / 2 (" + alpha / 2 + "), got " + power);
		}
		if (power(p1, p2, alpha, 2) >= power) {
			return 2;
		}
		if (power(p1, p2, alpha, MAX_PER_GROUP) < power) {
			throw new IllegalArgumentException("p1 and p2 are too close: more than " + (long) MAX_PER_GROUP
					+ " customers per group would be needed");
		}
		return new BrentSolver(1e-9).solve(10_000, (n) -> power(p1, p2, alpha, n) - power, 2, MAX_PER_GROUP);
	}

	/** Customers per group, rounded up. */
	public static long perGroup(double p1, double p2, double alpha, double power) {
		return (long) Math.ceil(exactPerGroup(p1, p2, alpha, power) - 1e-9);
	}

	/**
	 * The power of the two-sided test with n customers per group (both tails, R's
	 * {@code strict = TRUE}).
	 */
	public static double power(double p1, double p2, double alpha, double n) {
		double q = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
		double d = Math.abs(p1 - p2);
		double pooled = Math.sqrt((p1 + p2) * ((1 - p1) + (1 - p2)) / 2);
		double s = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
		double root = Math.sqrt(n);
		return NORMAL.cumulativeProbability((root * d - q * pooled) / s)
				+ NORMAL.cumulativeProbability((-root * d - q * pooled) / s);
	}

	/**
	 * The power of the two-sided pooled z-test with unequal groups (n1, n2) for rates p1
	 * and p2 (the normal approximation of Fleiss, Statistical Methods for Rates and
	 * Proportions, 3rd ed., §4.3, with both tails).
	 */
	public static double power(double p1, double p2, double alpha, double n1, double n2) {
		double q = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
		double d = Math.abs(p1 - p2);
		double pooled = (n1 * p1 + n2 * p2) / (n1 + n2);
		double null0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
		double alt = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
		return NORMAL.cumulativeProbability((d - q * null0) / alt)
				+ NORMAL.cumulativeProbability((-d - q * null0) / alt);
	}

	/**
	 * The smallest absolute lift over {@code baseline} that a test with {@code treatment}
	 * and {@code control} customers detects with the given power (two-sided, level
	 * alpha); solves {@link #power(double, double, double, double, double)} for p1 =
	 * baseline + δ. Returns 1 − baseline when even that is not detectable.
	 */
	public static double minimumDetectableLift(double baseline, long treatment, long control, double alpha,
			double power) {
		if (treatment < 1 || control < 1) {
			throw new IllegalArgumentException("both groups need at least one customer");
		}
		double p = Math.min(Math.max(baseline, 1e-6), 1 - 1e-6);
		double top = 1 - 1e-9 - p;
		if (power(p + top, p, alpha, treatment, control) < power) {
			return 1 - p;
		}
		return new BrentSolver(1e-10).solve(10_000, (d) -> power(p + d, p, alpha, treatment, control) - power, 1e-9,
				top);
	}

	private static void rate(String name, double value) {
		if (!(value > 0 && value < 1)) {
			throw new IllegalArgumentException(name + " must lie strictly between 0 and 1, got " + value);
		}
	}

}
