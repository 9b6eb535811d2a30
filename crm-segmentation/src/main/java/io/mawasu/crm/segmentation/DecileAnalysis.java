package io.mawasu.crm.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Decile analysis of one period: the customers with a positive spend (sum of their order
 * amounts, returns included) between {@code from} and {@code to} (calendar days in the
 * shop's zone, both inclusive) ranked by spend and cut into ten groups of equal size with
 * {@code ntile(10)}; decile 1 holds the biggest spenders.
 *
 * @param from first day of the period
 * @param to last day of the period
 * @param customers customers with a positive spend in the period
 * @param revenue their total spend
 * @param deciles the ten groups (fewer when there are fewer than ten customers)
 */
public record DecileAnalysis(LocalDate from, LocalDate to, long customers, BigDecimal revenue, List<Decile> deciles) {

	/**
	 * One decile.
	 *
	 * @param decile 1 (top spenders) to 10
	 * @param customers customers in the decile
	 * @param revenue their spend in the period
	 * @param share revenue of the decile / revenue of all deciles (0 to 1)
	 * @param cumulativeShare revenue of deciles 1 to this one / revenue of all deciles
	 * @param averageSpend revenue / customers
	 * @param minSpend the smallest spend in the decile
	 * @param maxSpend the largest spend in the decile
	 */
	public record Decile(int decile, long customers, BigDecimal revenue, double share, double cumulativeShare,
			BigDecimal averageSpend, BigDecimal minSpend, BigDecimal maxSpend) {

	}

}
