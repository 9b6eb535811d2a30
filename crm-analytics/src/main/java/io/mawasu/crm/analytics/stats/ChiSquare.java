package io.mawasu.crm.analytics.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Pearson's chi-square test of independence on a 2 × k table (successes and failures of k
 * groups), as R's {@code chisq.test(matrix, correct = FALSE)}: X² = Σ (O − E)² / E with E
 * from the margins, df = k − 1, p = 1 − F(X²; df). When a margin is 0 (all or none
 * succeeded) X² is undefined: statistic 0 and p 1.
 *
 * @param statistic X²
 * @param df degrees of freedom
 * @param pValue upper tail probability
 */
public record ChiSquare(double statistic, int df, double pValue) {

	public static ChiSquare of(long[] successes, long[] totals) {
		int k = successes.length;
		if (k < 2 || totals.length != k) {
			throw new IllegalArgumentException("a chi-square test needs at least two groups");
		}
		long x = 0;
		long n = 0;
		for (int i = 0; i < k; i++) {
			if (totals[i] < 1 || successes[i] < 0 || successes[i] > totals[i]) {
				throw new IllegalArgumentException("group " + i + " has " + successes[i] + " of " + totals[i]);
			}
			x += successes[i];
			n += totals[i];
		}
		if (x == 0 || x == n) {
			return new ChiSquare(0, k - 1, 1);
		}
		double rate = (double) x / n;
		double statistic = 0;
		for (int i = 0; i < k; i++) {
			double expectedYes = totals[i] * rate;
			double expectedNo = totals[i] - expectedYes;
			statistic += square(successes[i] - expectedYes) / expectedYes
					+ square((totals[i] - successes[i]) - expectedNo) / expectedNo;
		}
		double p = 1 - new ChiSquaredDistribution(k - 1).cumulativeProbability(statistic);
		return new ChiSquare(statistic, k - 1, p);
	}

	private static double square(double v) {
		return v * v;
	}

}
