package io.mawasu.crm.segmentation;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The cut points of a {@link RfmMethod#THRESHOLD} run: exactly four ascending numbers per
 * axis (a QUANTILE run scored with F cut points has only {@code frequency}). Recency cuts
 * are days since the last purchase, frequency cuts order counts and monetary cuts amounts
 * in the shop's currency.
 */
public record RfmCuts(@Nullable List<BigDecimal> recency, @Nullable List<BigDecimal> frequency,
		@Nullable List<BigDecimal> monetary) {

	/** The number of cut points per axis. */
	public static final int COUNT = 4;

	/**
	 * Checks that every axis has exactly four ascending cut points.
	 * @throws InvalidRfmRequest naming the first axis that does not
	 */
	public void validate() {
		check("cuts.recency", this.recency);
		check("cuts.frequency", this.frequency);
		check("cuts.monetary", this.monetary);
	}

	/** Checks one axis's cut points, named {@code field} in the message. */
	static void check(String field, @Nullable List<BigDecimal> cuts) {
		if (cuts == null || cuts.size() != COUNT || cuts.contains(null)) {
			throw new InvalidRfmRequest(field + " needs exactly " + COUNT + " numbers, for example [30, 90, 180, 365]");
		}
		for (int i = 1; i < cuts.size(); i++) {
			if (cuts.get(i).compareTo(cuts.get(i - 1)) <= 0) {
				throw new InvalidRfmRequest(
						field + " must be strictly ascending, but " + cuts.get(i) + " follows " + cuts.get(i - 1));
			}
		}
		if (cuts.get(0).signum() < 0) {
			throw new InvalidRfmRequest(field + " must not be negative");
		}
	}

	/**
	 * The score of a value on a "more is better" axis (frequency, monetary): 1 + the
	 * number of cut points &le; the value.
	 */
	public static int ascendingScore(List<BigDecimal> cuts, BigDecimal value) {
		int reached = 0;
		for (BigDecimal cut : cuts) {
			if (cut.compareTo(value) <= 0) {
				reached++;
			}
		}
		return 1 + reached;
	}

	/**
	 * The recency score of a number of days since the last purchase: 5 &minus; the number
	 * of cut points &le; the days.
	 */
	public static int recencyScore(List<BigDecimal> cuts, long days) {
		return 6 - ascendingScore(cuts, BigDecimal.valueOf(days));
	}

}
