package io.mawasu.crm.segmentation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Repeat and retention by cohort: customers are grouped by the calendar month (in the
 * shop's zone) of their first positive order; for each following month +1 … +12 the share
 * of the cohort with at least one positive order in that calendar month. Months after the
 * last month with orders are {@code null} (not yet observed).
 *
 * @param months number of months after the cohort month (12)
 * @param cohorts one row per cohort month, oldest first
 */
public record RetentionAnalysis(int months, List<Cohort> cohorts) {

	/**
	 * One cohort.
	 *
	 * @param cohort first-order month as {@code yyyy-MM}
	 * @param customers customers whose first positive order fell in the month
	 * @param repeaters customers of the cohort with two or more positive orders
	 * @param repeatShare repeaters / customers (0 to 1)
	 * @param retained for month +1 … +12, customers of the cohort who ordered in that
	 * month ({@code null} when not yet observed)
	 * @param shares for month +1 … +12, retained / customers ({@code null} when not yet
	 * observed)
	 */
	public record Cohort(String cohort, long customers, long repeaters, double repeatShare,
			List<@Nullable Long> retained, List<@Nullable Double> shares) {

	}

}
