package io.mawasu.crm.segmentation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * F2 conversion by cohort: customers are grouped by the calendar month (in the shop's
 * zone) of their first positive order (amount &gt; 0); their second order is their next
 * positive order. Days between the two are calendar days in the shop's zone. Shares are
 * over every customer of the cohort, so cohorts younger than a window read low for it.
 *
 * @param cohorts one row per cohort month, oldest first
 * @param total all cohorts together (its {@code cohort} is {@code null})
 */
public record F2Analysis(List<Cohort> cohorts, Cohort total) {

	/**
	 * One cohort.
	 *
	 * @param cohort first-order month as {@code yyyy-MM}
	 * @param customers customers whose first positive order fell in the month
	 * @param within30 of them, customers whose second order came at most 30 days after
	 * the first
	 * @param within60 the same within 60 days
	 * @param within90 the same within 90 days
	 * @param within180 the same within 180 days
	 * @param repeaters customers with a second order at any time
	 * @param share30 within30 / customers (0 to 1)
	 * @param share60 within60 / customers
	 * @param share90 within90 / customers
	 * @param share180 within180 / customers
	 * @param repeatShare repeaters / customers
	 * @param medianDaysToSecond median of the days from first to second order over the
	 * repeaters ({@code percentile_cont(0.5)}); {@code null} without repeaters
	 */
	public record Cohort(@Nullable String cohort, long customers, long within30, long within60, long within90,
			long within180, long repeaters, double share30, double share60, double share90, double share180,
			double repeatShare, @Nullable Double medianDaysToSecond) {

	}

}
