package io.mawasu.crm.segmentation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.analysis.AnalysisQueries;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Purchase analyses over all orders: deciles of customers by spend, Pareto / ABC rankings
 * of customers, categories or brands, F2 conversion and retention by cohort. Dates are
 * calendar days in the shop's zone ({@code crm.time-zone}); a missing period defaults to
 * the last 12 months up to today for deciles and Pareto, and to every cohort for F2 and
 * retention.
 */
@Service
public class Analyses {

	/** Default cut point of class A in percent. */
	public static final double DEFAULT_A = 70;

	/** Default cut point of class B in percent. */
	public static final double DEFAULT_B = 90;

	/** Default number of top items listed by a Pareto analysis. */
	public static final int DEFAULT_TOP = 50;

	private static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);

	private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

	private final AnalysisQueries queries;

	private final ZoneId zone;

	private final Clock clock;

	Analyses(AnalysisQueries queries, ShopProperties shop, Clock clock) {
		this.clock = clock;
		this.queries = queries;
		this.zone = shop.timeZone();
	}

	private LocalDate today() {
		return LocalDate.now(this.clock.withZone(this.zone));
	}

	/**
	 * Deciles of the customers with a positive spend in the period (see
	 * {@link DecileAnalysis}).
	 * @throws IllegalArgumentException when {@code from} is after {@code to}
	 */
	@Transactional(readOnly = true)
	public DecileAnalysis decile(@Nullable LocalDate from, @Nullable LocalDate to) {
		LocalDate last = (to != null) ? to : today();
		LocalDate first = (from != null) ? from : last.minusYears(1).plusDays(1);
		checkPeriod(first, last);
		return this.queries.decile(first, last, this.zone);
	}

	/**
	 * Pareto / ABC ranking of customers, categories or brands in the period (see
	 * {@link ParetoAnalysis}).
	 * @param a cut point of class A in percent, {@code 0 < a < b}
	 * @param b cut point of class B in percent, {@code b <= 100}
	 * @param top how many top items to list (1 to 1,000)
	 * @throws IllegalArgumentException for a reversed period or bad cut points
	 */
	@Transactional
	public ParetoAnalysis pareto(ParetoBy by, @Nullable LocalDate from, @Nullable LocalDate to, double a, double b,
			int top) {
		LocalDate last = (to != null) ? to : today();
		LocalDate first = (from != null) ? from : last.minusYears(1).plusDays(1);
		checkPeriod(first, last);
		if (!(a > 0 && a < b && b <= 100)) {
			throw new IllegalArgumentException(
					"Cut points must satisfy 0 < a < b <= 100 (percent of revenue), got a=" + a + " and b=" + b);
		}
		if (top < 1 || top > 1000) {
			throw new IllegalArgumentException("'top' must be between 1 and 1000, got " + top);
		}
		return this.queries.pareto(by, first, last, this.zone, a, b, top);
	}

	/**
	 * F2 conversion of the cohorts whose first positive order falls on a day in [from,
	 * to] (every cohort when both are missing; see {@link F2Analysis}).
	 * @throws IllegalArgumentException when {@code from} is after {@code to}
	 */
	@Transactional(readOnly = true)
	public F2Analysis f2(@Nullable LocalDate from, @Nullable LocalDate to) {
		LocalDate first = (from != null) ? from : EARLIEST;
		LocalDate last = (to != null) ? to : LATEST;
		checkPeriod(first, last);
		return this.queries.f2(first, last, this.zone);
	}

	/**
	 * Repeat and retention of the cohorts whose first positive order falls on a day in
	 * [from, to] (every cohort when both are missing; see {@link RetentionAnalysis}).
	 * @throws IllegalArgumentException when {@code from} is after {@code to}
	 */
	@Transactional(readOnly = true)
	public RetentionAnalysis retention(@Nullable LocalDate from, @Nullable LocalDate to) {
		LocalDate first = (from != null) ? from : EARLIEST;
		LocalDate last = (to != null) ? to : LATEST;
		checkPeriod(first, last);
		return this.queries.retention(first, last, this.zone);
	}

	private static void checkPeriod(LocalDate from, LocalDate to) {
		if (from.isAfter(to)) {
			throw new IllegalArgumentException(
					"The period starts after it ends: 'from' " + from + " is after 'to' " + to);
		}
	}

}
