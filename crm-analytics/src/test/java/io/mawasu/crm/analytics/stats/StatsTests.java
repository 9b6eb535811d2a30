package io.mawasu.crm.analytics.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsTests {

	/**
	 * Worked by hand: p = (0.01, 0.04, 0.03, 0.005, 0.2), m = 5. Ranked: 0.005 (1), 0.01
	 * (2), 0.03 (3), 0.04 (4), 0.2 (5). (m/j)·p: 0.025, 0.025, 0.05, 0.05, 0.2. Running
	 * minimum from the top: 0.2, 0.05, 0.05, 0.025, 0.025. R: p.adjust(c(.01, .04, .03,
	 * .005, .2), "BH") = 0.025 0.050 0.050 0.025 0.200.
	 */
	@Test
	void benjaminiHochbergAsRsPAdjust() {
		double[] q = BenjaminiHochberg.adjust(new double[] { 0.01, 0.04, 0.03, 0.005, 0.2 });
		assertThat(q).containsExactly(new double[] { 0.025, 0.05, 0.05, 0.025, 0.2 }, within(1e-12));
	}

	/**
	 * Monotone and capped: p = (0.9, 0.8) → (m/j)p = 0.8, 0.9 → q = (0.9, 0.9); p = (0.6,
	 * 0.7, 0.99) → 1.8, 1.05, 0.99 → all 0.99; a lone p = 1 stays 1.
	 */
	@Test
	void benjaminiHochbergIsMonotoneAndCappedAtOne() {
		assertThat(BenjaminiHochberg.adjust(new double[] { 0.9, 0.8 })).containsExactly(new double[] { 0.9, 0.9 },
				within(1e-12));
		assertThat(BenjaminiHochberg.adjust(new double[] { 0.6, 0.7, 0.99 }))
			.containsExactly(new double[] { 0.99, 0.99, 0.99 }, within(1e-12));
		assertThat(BenjaminiHochberg.adjust(new double[] { 0.5, 0.5, 1 }))
			.containsExactly(new double[] { 0.75, 0.75, 1 }, within(1e-12));
		assertThat(BenjaminiHochberg.adjust(new double[0])).isEmpty();
	}

	/**
	 * R: chisq.test(matrix(c(5, 78, 12, 87, 20, 80), nrow = 2), correct = FALSE) →
	 * X-squared = 6.9929 (by hand from the margins), df = 2, p = 0.03031.
	 */
	@Test
	void chiSquareAcrossThreeGroups() {
		ChiSquare c = ChiSquare.of(new long[] { 5, 12, 20 }, new long[] { 83, 99, 100 });
		double rate = 37.0 / 282;
		double expected = 0;
		long[] x = { 5, 12, 20 };
		long[] n = { 83, 99, 100 };
		for (int i = 0; i < 3; i++) {
			double e1 = n[i] * rate;
			double e0 = n[i] - e1;
			expected += (x[i] - e1) * (x[i] - e1) / e1 + ((n[i] - x[i]) - e0) * ((n[i] - x[i]) - e0) / e0;
		}
		assertThat(c.statistic()).isCloseTo(expected, within(1e-9));
		assertThat(c.df()).isEqualTo(2);
		assertThat(c.pValue()).isCloseTo(Math.exp(-expected / 2), within(1e-9));
		// two groups: X² equals z² of the pooled z-test
		ChiSquare two = ChiSquare.of(new long[] { 5, 12 }, new long[] { 83, 99 });
		assertThat(two.statistic()).isCloseTo(1.40783 * 1.40783, within(1e-4));
		assertThat(two.pValue()).isCloseTo(0.159181, within(1e-6));
		assertThat(ChiSquare.of(new long[] { 0, 0 }, new long[] { 3, 4 }).pValue()).isEqualTo(1);
	}

}
