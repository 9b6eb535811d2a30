package io.mawasu.crm.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A scenario's results, as {@code GET /api/scenarios/{id}/metrics} shows them. Rates are
 * fractions, null when their denominator is 0. Definitions:
 * <ul>
 * <li>Groups: the scenario's TREATMENT and CONTROL enrolments (customer × cycle);
 * {@code size} counts enrolments.</li>
 * <li>Messages of the scenario (test sends never count): {@code delivered} = SENT,
 * {@code failed}, {@code suppressed} (skipped at send time), {@code deliveryRate} =
 * delivered / (delivered + failed).</li>
 * <li>{@code uniqueOpens} / {@code uniqueClicks} = delivered messages with at least one
 * open / click; {@code opens} / {@code clicks} count all; {@code openRate} = uniqueOpens
 * / delivered, {@code ctr} = uniqueClicks / delivered, {@code ctor} = uniqueClicks /
 * uniqueOpens; {@code unsubscribes} = messages unsubscribed from.</li>
 * <li>Conversion: an enrolment whose customer made a purchase (an order with amount &gt;
 * 0) with enrolled_at ≤ ordered_at ≤ enrolled_at + goal.withinDays (7 without a goal),
 * once per enrolment, in both groups alike; {@code revenue} = the sum of every order
 * amount in that window; {@code cvr} = conversions / size (intention to treat).</li>
 * <li>Lift: {@code absolute} = cvr(T) − cvr(C), {@code relative} = absolute / cvr(C),
 * {@code ci95}, {@code z}, {@code pValue} as {@link TwoProportions};
 * {@code incrementalConversions} = absolute × size(T); {@code incrementalRevenue} =
 * (revenue(T)/size(T) − revenue(C)/size(C)) × size(T).</li>
 * <li>Per step: the step's messages; its conversions are the converted enrolments that
 * were delivered that step. Per variant: each treatment enrolment belongs to the variant
 * of the last message it was sent; {@code size} counts them, {@code cvr} = conversions /
 * size, {@code vsA} compares cvr with variant A, {@code ctrVsA} compares ctr. Per day:
 * messages by the day they finished (their later opens and clicks count there),
 * conversions by the day of the first purchase, in the shop's zone.</li>
 * </ul>
 */
public record ScenarioMetrics(long scenarioId, Treatment treatment, Control control, Lift lift, List<Step> byStep,
		List<Variant> byVariant, AbTest abTest, List<Day> byDay, @Nullable Instant asOf) {

	public record Treatment(long size, long delivered, long failed, long suppressed, @Nullable Double deliveryRate,
			long uniqueOpens, long opens, long uniqueClicks, long clicks, long unsubscribes, long conversions,
			BigDecimal revenue, @Nullable Double openRate, @Nullable Double ctr, @Nullable Double ctor,
			@Nullable Double cvr) {
	}

	public record Control(long size, long conversions, BigDecimal revenue, @Nullable Double cvr) {
	}

	/** All null when a group is empty. */
	public record Lift(@Nullable Double absolute, @Nullable Double relative, double @Nullable [] ci95,
			@Nullable Double z, @Nullable Double pValue, @Nullable Double incrementalConversions,
			@Nullable Double incrementalRevenue) {

		/** Whether the difference is likely real: p &lt; 0.05. */
		public boolean significant() {
			return this.pValue != null && this.pValue < 0.05;
		}

	}

	public record Step(String step, String channel, long delivered, long failed, long suppressed, long uniqueOpens,
			long opens, long uniqueClicks, long clicks, long conversions, @Nullable Double openRate,
			@Nullable Double ctr) {
	}

	public record Variant(String variant, long delivered, long uniqueOpens, long uniqueClicks, long size,
			long conversions, @Nullable Double openRate, @Nullable Double ctr, @Nullable Double cvr,
			@Nullable Comparison vsA, @Nullable Comparison ctrVsA) {
	}

	/** A variant against A: difference of the rates, its 95 % interval and p-value. */
	public record Comparison(double difference, double[] ci95, double pValue) {

		static Comparison of(TwoProportions t) {
			return new Comparison(t.difference(), t.ci95(), t.pValue());
		}

	}

	/**
	 * The A/B verdict on cvr: a {@code winner} only when its difference is significant (p
	 * &lt; 0.05: against A with two variants, the chi-square across all and the best
	 * against A with more); otherwise {@code customersNeeded}, how many more treatment
	 * customers the observed difference between the two best variants needs at 80 % power
	 * (null when it cannot be told).
	 */
	public record AbTest(String metric, @Nullable String winner, @Nullable ChiSquareTest chiSquare,
			@Nullable Long customersNeeded) {
	}

	public record ChiSquareTest(double statistic, int df, double pValue) {
	}

	public record Day(LocalDate date, long delivered, long uniqueOpens, long uniqueClicks, long conversions) {
	}

}
