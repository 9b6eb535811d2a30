package io.mawasu.crm.analytics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The statistics against published vectors: statsmodels {@code proportions_ztest} / R
 * {@code prop.test(correct = FALSE)} and the worked examples of Newcombe (1998), method
 * 10.
 */
class TwoProportionsTests {

	@Test
	void pooledZTestMatchesStatsmodelsAndR() {
		// proportions_ztest([5, 12], [83, 99]) → (-1.4078304151258787,
		// 0.15918129181156992)
		TwoProportions t = TwoProportions.of(5, 83, 12, 99);
		assertThat(t.z()).isCloseTo(-1.40783, within(5e-6));
		assertThat(t.pValue()).isCloseTo(0.159181, within(5e-7));
		assertThat(t.p1()).isCloseTo(5.0 / 83, within(1e-12));
		assertThat(t.difference()).isCloseTo(5.0 / 83 - 12.0 / 99, within(1e-12));
		assertThat(t.relativeLift()).isCloseTo((5.0 / 83 - 12.0 / 99) / (12.0 / 99), within(1e-12));
	}

	@ParameterizedTest(name = "{0}/{1} vs {2}/{3} → ({4}, {5})")
	@CsvSource({ "56, 70, 48, 80, 0.0524, 0.3339", "9, 10, 3, 10, 0.1705, 0.8090", "6, 7, 2, 7, 0.0582, 0.8062",
			"5, 56, 0, 29, -0.0381, 0.1926", "0, 10, 0, 20, -0.1611, 0.2775", "10, 10, 0, 20, 0.6791, 1.0000" })
	void newcombeHybridScoreIntervalMatchesTheWorkedExamples(long x1, long n1, long x2, long n2, double lower,
			double upper) {
		double[] ci = TwoProportions.of(x1, n1, x2, n2).ci95();
		assertThat(ci[0]).isCloseTo(lower, within(0.00005));
		assertThat(ci[1]).isCloseTo(upper, within(0.00005));
	}

	@Test
	void theTestIsUndefinedWhenBothRatesAreZeroOrBothOne() {
		TwoProportions none = TwoProportions.of(0, 10, 0, 20);
		assertThat(none.z()).isNull();
		assertThat(none.pValue()).isEqualTo(1);
		assertThat(none.relativeLift()).isNull();
		TwoProportions all = TwoProportions.of(10, 10, 20, 20);
		assertThat(all.z()).isNull();
		assertThat(all.pValue()).isEqualTo(1);
	}

	@Test
	void wilsonIntervalWithoutContinuityCorrection() {
		// Newcombe (1998a) method 3: 81/263 → (0.2553, 0.3662)
		double[] w = TwoProportions.wilson(81, 263, TwoProportions.Z95);
		assertThat(w[0]).isCloseTo(0.2553, within(0.00005));
		assertThat(w[1]).isCloseTo(0.3662, within(0.00005));
	}

	@Test
	void rejectsImpossibleCounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> TwoProportions.of(1, 0, 1, 2))
			.withMessageContaining("n1");
		assertThatIllegalArgumentException().isThrownBy(() -> TwoProportions.of(-1, 3, 1, 2))
			.withMessageContaining("x1");
		assertThatIllegalArgumentException().isThrownBy(() -> TwoProportions.of(1, 3, 3, 2))
			.withMessageContaining("x2 must not exceed n2");
	}

}
