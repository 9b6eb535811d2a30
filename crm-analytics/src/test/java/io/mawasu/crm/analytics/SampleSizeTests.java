package io.mawasu.crm.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** R's power.prop.test on its documented examples. */
class SampleSizeTests {

	@Test
	void matchesRsPowerPropTest() {
		// power.prop.test(p1 = .50, p2 = .75, power = .90) → n = 76.7 (its help page; by
		// its power function: √n·0.25 = 1.959964·√0.46875 + 1.281552·√0.4375 → 76.7069)
		assertThat(SampleSize.exactPerGroup(0.5, 0.75, 0.05, 0.9)).isCloseTo(76.7069, within(0.001));
		assertThat(SampleSize.perGroup(0.5, 0.75, 0.05, 0.9)).isEqualTo(77);
		// power.prop.test(n = 50, p1 = .5, p2 = .75) → power = 0.7401659 with one tail;
		// strict = TRUE adds the opposite tail, Φ(−(√50·0.25 + 1.96·0.6847)/0.6614) =
		// 1.3e-6
		assertThat(SampleSize.power(0.5, 0.75, 0.05, 50)).isCloseTo(0.7401659 + 1.29e-6, within(2e-7));
		// symmetric in p1 and p2
		assertThat(SampleSize.perGroup(0.75, 0.5, 0.05, 0.9)).isEqualTo(77);
		// a small CRM effect: 2 % → 2.4 % at 80 % power needs about 21 thousand per group
		assertThat(SampleSize.perGroup(0.02, 0.024, 0.05, 0.8)).isBetween(21_000L, 21_200L);
	}

	@Test
	void theMinimumDetectableLiftHasThePowerAsked() {
		double d = SampleSize.minimumDetectableLift(0.05, 9000, 1000, 0.05, 0.8);
		assertThat(SampleSize.power(0.05 + d, 0.05, 0.05, 9000, 1000)).isCloseTo(0.8, within(1e-6));
		// equal groups agree with power.prop.test's n
		double equal = SampleSize.minimumDetectableLift(0.5, 77, 77, 0.05, 0.9);
		assertThat(equal).isCloseTo(0.25, within(0.01));
	}

	@Test
	void rejectsRatesOutsideTheOpenIntervalAndEqualRates() {
		assertThatIllegalArgumentException().isThrownBy(() -> SampleSize.perGroup(0, 0.5, 0.05, 0.8))
			.withMessageContaining("p1");
		assertThatIllegalArgumentException().isThrownBy(() -> SampleSize.perGroup(0.5, 1, 0.05, 0.8))
			.withMessageContaining("p2");
		assertThatIllegalArgumentException().isThrownBy(() -> SampleSize.perGroup(0.5, 0.5, 0.05, 0.8))
			.withMessageContaining("differ");
		assertThatIllegalArgumentException().isThrownBy(() -> SampleSize.perGroup(0.5, 0.6, 0.05, 1))
			.withMessageContaining("power");
	}

}
