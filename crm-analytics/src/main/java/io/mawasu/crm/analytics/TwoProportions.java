package io.mawasu.crm.analytics;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.jspecify.annotations.Nullable;

/**
 * Two proportions x1/n1 and x2/n2 compared the way every page and endpoint of the Check
 * does it, each formula stated once here:
 * <ul>
 * <li>{@code difference} = p1 − p2; {@code relativeLift} = difference / p2 (null when p2
 * = 0).</li>
 * <li>{@code z}, {@code pValue}: the pooled two-proportion z-test, two-sided, as
 * statsmodels {@code proportions_ztest} and R {@code prop.test(correct = FALSE)}: p̂ =
 * (x1 + x2) / (n1 + n2), z = (p1 − p2) / √(p̂(1 − p̂)(1/n1 + 1/n2)), p = 2(1 − Φ(|z|)).
 * When both rates are 0 or both 1 the test is undefined: z is null and pValue 1.</li>
 * <li>{@code ci95}: the hybrid score interval of Newcombe (1998), "Interval estimation
 * for the difference between independent proportions", Statistics in Medicine 17,
 * 873–890, method 10: with the Wilson score intervals (l1, u1) and (l2, u2) without
 * continuity correction, (d − √((p1 − l1)² + (u2 − p2)²), d + √((u1 − p1)² + (p2 −
 * l2)²)).</li>
 * </ul>
 *
 * @param p1 x1 / n1
 * @param p2 x2 / n2
 * @param difference p1 − p2
 * @param relativeLift (p1 − p2) / p2, null when p2 = 0
 * @param ci95 the 95 % Newcombe hybrid score interval of the difference
 * @param z the pooled z statistic, null when undefined
 * @param pValue the two-sided p-value of the pooled z-test
 */
public record TwoProportions(double p1, double p2, double difference, @Nullable Double relativeLift, double[] ci95,
		@Nullable Double z, double pValue) {

	private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

	/** Φ⁻¹(0.975) = 1.959964…, the normal quantile of a two-sided 95 % interval. */
	public static final double Z95 = NORMAL.inverseCumulativeProbability(0.975);

	/**
	 * Compares x1/n1 with x2/n2; {@link IllegalArgumentException} names the faulty value
	 * when n &lt; 1, x &lt; 0 or x &gt; n.
	 */
	public static TwoProportions of(long x1, long n1, long x2, long n2) {
		check("x1", x1, "n1", n1);
		check("x2", x2, "n2", n2);
		double p1 = (double) x1 / n1;
		double p2 = (double) x2 / n2;
		double d = p1 - p2;
		double[] w1 = wilson(x1, n1, Z95);
		double[] w2 = wilson(x2, n2, Z95);
		double lower = d - Math.sqrt(square(p1 - w1[0]) + square(w2[1] - p2));
		double upper = d + Math.sqrt(square(w1[1] - p1) + square(p2 - w2[0]));
		double pooled = (double) (x1 + x2) / (n1 + n2);
		Double z = null;
		double pValue = 1;
		if (pooled > 0 && pooled < 1) {
			double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
			z = d / se;
			pValue = Math.min(1, 2 * NORMAL.cumulativeProbability(-Math.abs(z)));
		}
		return new TwoProportions(p1, p2, d, (p2 > 0) ? d / p2 : null, new double[] { lower, upper }, z, pValue);
	}

	/**
	 * The Wilson score interval of x/n without continuity correction (Wilson 1927;
	 * Newcombe 1998 method 3): (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)).
	 */
	public static double[] wilson(long x, long n, double z) {
		check("x", x, "n", n);
		double p = (double) x / n;
		double z2 = z * z;
		double centre = 2 * x + z2;
		double spread = z * Math.sqrt(z2 + 4 * x * (1 - p));
		double denominator = 2 * (n + z2);
		return new double[] { Math.max(0, (centre - spread) / denominator),
				Math.min(1, (centre + spread) / denominator) };
	}

	/** The two-sided p-value of a standard normal statistic: 2(1 − Φ(|z|)). */
	public static double twoSidedP(double z) {
		return Math.min(1, 2 * NORMAL.cumulativeProbability(-Math.abs(z)));
	}

	private static void check(String xName, long x, String nName, long n) {
		if (n < 1) {
			throw new IllegalArgumentException(nName + " must be at least 1, got " + n);
		}
		if (x < 0) {
			throw new IllegalArgumentException(xName + " must not be negative, got " + x);
		}
		if (x > n) {
			throw new IllegalArgumentException(xName + " must not exceed " + nName + " (" + n + "), got " + x);
		}
	}

	private static double square(double v) {
		return v * v;
	}

}
