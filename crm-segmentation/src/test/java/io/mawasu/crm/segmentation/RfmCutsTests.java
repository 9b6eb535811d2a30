package io.mawasu.crm.segmentation;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RfmCutsTests {

	static final List<BigDecimal> RECENCY = numbers(30, 90, 180, 365);

	static final List<BigDecimal> FREQUENCY = numbers(2, 3, 5, 10);

	static final List<BigDecimal> MONETARY = numbers(5000, 10000, 30000, 100000);

	@Test
	void recencyScoreIsFiveMinusTheCutsReached() {
		assertThat(RfmCuts.recencyScore(RECENCY, 0)).isEqualTo(5);
		assertThat(RfmCuts.recencyScore(RECENCY, 29)).isEqualTo(5);
		assertThat(RfmCuts.recencyScore(RECENCY, 30)).isEqualTo(4);
		assertThat(RfmCuts.recencyScore(RECENCY, 89)).isEqualTo(4);
		assertThat(RfmCuts.recencyScore(RECENCY, 90)).isEqualTo(3);
		assertThat(RfmCuts.recencyScore(RECENCY, 180)).isEqualTo(2);
		assertThat(RfmCuts.recencyScore(RECENCY, 364)).isEqualTo(2);
		assertThat(RfmCuts.recencyScore(RECENCY, 365)).isEqualTo(1);
		assertThat(RfmCuts.recencyScore(RECENCY, 5000)).isEqualTo(1);
	}

	@Test
	void frequencyAndMonetaryScoresAreOnePlusTheCutsReached() {
		assertThat(RfmCuts.ascendingScore(FREQUENCY, BigDecimal.ONE)).isEqualTo(1);
		assertThat(RfmCuts.ascendingScore(FREQUENCY, BigDecimal.valueOf(2))).isEqualTo(2);
		assertThat(RfmCuts.ascendingScore(FREQUENCY, BigDecimal.valueOf(4))).isEqualTo(3);
		assertThat(RfmCuts.ascendingScore(FREQUENCY, BigDecimal.valueOf(10))).isEqualTo(5);
		assertThat(RfmCuts.ascendingScore(MONETARY, new BigDecimal("-300"))).isEqualTo(1);
		assertThat(RfmCuts.ascendingScore(MONETARY, new BigDecimal("4999.99"))).isEqualTo(1);
		assertThat(RfmCuts.ascendingScore(MONETARY, new BigDecimal("5000.00"))).isEqualTo(2);
		assertThat(RfmCuts.ascendingScore(MONETARY, new BigDecimal("99999"))).isEqualTo(4);
		assertThat(RfmCuts.ascendingScore(MONETARY, new BigDecimal("100000"))).isEqualTo(5);
	}

	@Test
	void validCutsPass() {
		new RfmCuts(RECENCY, FREQUENCY, MONETARY).validate();
	}

	@Test
	void cutsMustBeFourPerAxis() {
		assertThatThrownBy(() -> new RfmCuts(RECENCY, numbers(2, 3, 5), MONETARY).validate())
			.isInstanceOf(InvalidRfmRequest.class)
			.hasMessageContaining("cuts.frequency")
			.hasMessageContaining("exactly 4");
		assertThatThrownBy(() -> new RfmCuts(RECENCY, FREQUENCY, null).validate())
			.hasMessageContaining("cuts.monetary");
	}

	@Test
	void cutsMustAscend() {
		assertThatThrownBy(() -> new RfmCuts(numbers(30, 90, 90, 365), FREQUENCY, MONETARY).validate())
			.isInstanceOf(InvalidRfmRequest.class)
			.hasMessageContaining("cuts.recency")
			.hasMessageContaining("ascending");
	}

	@Test
	void thresholdRunsNeedCuts() {
		assertThatThrownBy(() -> new RfmRunRequest(null, RfmMethod.THRESHOLD, null, null).validate())
			.isInstanceOf(InvalidRfmRequest.class)
			.hasMessageContaining("cuts");
		assertThatThrownBy(() -> new RfmRunRequest(null, null, null, 0).validate())
			.hasMessageContaining("lookbackDays");
		new RfmRunRequest(null, RfmMethod.QUANTILE, null, 30).validate();
	}

	@Test
	void frequencyCutsAreForQuantileRunsAndMustAscend() {
		assertThatThrownBy(() -> new RfmRunRequest(null, RfmMethod.THRESHOLD, new RfmCuts(RECENCY, FREQUENCY, MONETARY),
				null, numbers(2, 3, 5, 10))
			.validate()).isInstanceOf(InvalidRfmRequest.class).hasMessageContaining("frequencyCuts is for QUANTILE");
		assertThatThrownBy(() -> new RfmRunRequest(null, null, null, null, numbers(3, 2, 5, 10)).validate())
			.isInstanceOf(InvalidRfmRequest.class)
			.hasMessageContaining("frequencyCuts must be strictly ascending");
		assertThatThrownBy(() -> new RfmRunRequest(null, null, null, null, numbers(2, 3)).validate())
			.hasMessageContaining("frequencyCuts needs exactly 4");
		new RfmRunRequest(null, RfmMethod.QUANTILE, null, null, numbers(2, 3, 5, 10)).validate();
	}

	static List<BigDecimal> numbers(long... values) {
		return java.util.Arrays.stream(values).mapToObj(BigDecimal::valueOf).toList();
	}

}
