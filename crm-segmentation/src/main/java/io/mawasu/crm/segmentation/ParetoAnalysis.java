package io.mawasu.crm.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Pareto / ABC analysis of one period: the items ({@link ParetoBy customers, categories
 * or brands}) with a positive revenue (sum of order amounts, returns included) between
 * {@code from} and {@code to} (calendar days in the shop's zone, both inclusive), ranked
 * by revenue. Class A is the smallest set of top items that together reach {@code a}% of
 * the revenue (an item is A when the items ranked above it make less than {@code a}%),
 * class B the following items up to {@code b}%, class C the rest.
 *
 * @param by what is ranked
 * @param from first day of the period
 * @param to last day of the period
 * @param a cut point of class A in percent
 * @param b cut point of class B in percent
 * @param items items with a positive revenue
 * @param revenue their total revenue
 * @param classes the classes A, B and C (a class without items is present with zeros)
 * @param curve the cumulative share curve: one point per item when there are at most 100
 * items, otherwise one point per percentile of items
 * @param top the top items, best first
 */
public record ParetoAnalysis(ParetoBy by, LocalDate from, LocalDate to, double a, double b, long items,
		BigDecimal revenue, List<AbcClass> classes, List<Point> curve, List<Item> top) {

	/**
	 * One ABC class.
	 *
	 * @param abcClass {@code A}, {@code B} or {@code C}
	 * @param items items in the class
	 * @param itemShare items / all items (0 to 1)
	 * @param revenue revenue of the class
	 * @param share revenue of the class / total revenue (0 to 1)
	 */
	public record AbcClass(String abcClass, long items, double itemShare, BigDecimal revenue, double share) {

	}

	/**
	 * One point of the cumulative curve.
	 *
	 * @param rank rank of the last item of the point (1 = best)
	 * @param itemShare rank / items (0 to 1)
	 * @param label the item's key when points are items, otherwise the percentile of
	 * items ({@code "1%"} … {@code "100%"})
	 * @param revenue revenue of the items of the point
	 * @param share revenue of the point / total revenue
	 * @param cumulativeShare revenue of all items up to this rank / total revenue
	 */
	public record Point(long rank, double itemShare, String label, BigDecimal revenue, double share,
			double cumulativeShare) {

	}

	/**
	 * One ranked item.
	 *
	 * @param rank 1 = the highest revenue (ties broken by key)
	 * @param key customer external id, category or brand ({@code null} for orders without
	 * a category or brand)
	 * @param revenue revenue of the item in the period
	 * @param share revenue / total revenue (0 to 1)
	 * @param cumulativeShare revenue of the items up to this rank / total revenue
	 * @param abcClass {@code A}, {@code B} or {@code C}
	 */
	public record Item(long rank, @Nullable String key, BigDecimal revenue, double share, double cumulativeShare,
			String abcClass) {

	}

}
