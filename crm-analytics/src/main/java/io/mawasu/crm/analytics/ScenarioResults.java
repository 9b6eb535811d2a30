package io.mawasu.crm.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.mawasu.crm.analytics.ScenarioMetrics.AbTest;
import io.mawasu.crm.analytics.ScenarioMetrics.ChiSquareTest;
import io.mawasu.crm.analytics.ScenarioMetrics.Comparison;
import io.mawasu.crm.analytics.ScenarioMetrics.Control;
import io.mawasu.crm.analytics.ScenarioMetrics.Day;
import io.mawasu.crm.analytics.ScenarioMetrics.Lift;
import io.mawasu.crm.analytics.ScenarioMetrics.Step;
import io.mawasu.crm.analytics.ScenarioMetrics.Treatment;
import io.mawasu.crm.analytics.ScenarioMetrics.Variant;
import io.mawasu.crm.analytics.metrics.MetricsQueries;
import io.mawasu.crm.analytics.metrics.MetricsQueries.Cell;
import io.mawasu.crm.analytics.metrics.MetricsQueries.DrillColumn;
import io.mawasu.crm.analytics.metrics.MetricsQueries.Engagement;
import io.mawasu.crm.analytics.metrics.MetricsQueries.EngagementSets;
import io.mawasu.crm.analytics.metrics.MetricsQueries.Outcome;
import io.mawasu.crm.analytics.metrics.MetricsQueries.OutcomeSets;
import io.mawasu.crm.analytics.metrics.MetricsQueries.ScenarioInfo;
import io.mawasu.crm.analytics.metrics.MetricsQueries.SendStep;
import io.mawasu.crm.analytics.metrics.RollupQueries;
import io.mawasu.crm.analytics.stats.BenjaminiHochberg;
import io.mawasu.crm.analytics.stats.ChiSquare;
import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.scenario.UnknownScenario;
import io.mawasu.crm.segmentation.SegmentSnapshot;
import io.mawasu.crm.segmentation.Segments;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A scenario's results from the metrics rollups: {@link #metrics}, its
 * {@link #drilldown}, the channel comparison across scenarios and the launch check before
 * activation. Definitions are on {@link ScenarioMetrics}; statistics on
 * {@link TwoProportions}, {@link SampleSize}.
 */
@Service
public class ScenarioResults {

	/** The false discovery rate of the drill-down. */
	public static final double FDR = 0.05;

	/** The level below which a difference counts as likely real. */
	public static final double ALPHA = 0.05;

	private final MetricsQueries queries;

	private final RollupQueries rollups;

	private final Segments segments;

	private final AnalyticsProperties properties;

	private final ZoneId zone;

	private final Clock clock;

	ScenarioResults(MetricsQueries queries, RollupQueries rollups, Segments segments, AnalyticsProperties properties,
			ShopProperties shop, ObjectProvider<Clock> clock) {
		this.queries = queries;
		this.rollups = rollups;
		this.segments = segments;
		this.properties = properties;
		this.zone = shop.timeZone();
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** The scenario's metrics; {@link UnknownScenario} for an unknown id. */
	@Transactional(readOnly = true)
	public ScenarioMetrics metrics(long scenarioId) {
		ScenarioInfo info = scenario(scenarioId);
		EngagementSets engagement = this.queries.engagement(scenarioId);
		OutcomeSets outcomes = this.queries.outcomes(scenarioId);
		Outcome t = outcomes.byGroup().getOrDefault("TREATMENT", Outcome.NONE);
		Outcome c = outcomes.byGroup().getOrDefault("CONTROL", Outcome.NONE);
		Engagement e = engagement.total();
		Treatment treatment = new Treatment(t.size(), e.delivered(), e.failed(), e.suppressed(),
				rate(e.delivered(), e.delivered() + e.failed()), e.uniqueOpens(), e.opens(), e.uniqueClicks(),
				e.clicks(), e.unsubscribes(), t.conversions(), t.revenue(), rate(e.uniqueOpens(), e.delivered()),
				rate(e.uniqueClicks(), e.delivered()), rate(e.uniqueClicks(), e.uniqueOpens()),
				rate(t.conversions(), t.size()));
		Control control = new Control(c.size(), c.conversions(), c.revenue(), rate(c.conversions(), c.size()));
		List<Step> steps = new ArrayList<>();
		for (SendStep step : info.sendSteps()) {
			Engagement s = engagement.byStep().getOrDefault(step.key(), Engagement.NONE);
			steps.add(new Step(step.key(), step.channel(), s.delivered(), s.failed(), s.suppressed(), s.uniqueOpens(),
					s.opens(), s.uniqueClicks(), s.clicks(), outcomes.conversionsByStep().getOrDefault(step.key(), 0L),
					rate(s.uniqueOpens(), s.delivered()), rate(s.uniqueClicks(), s.delivered())));
		}
		List<Variant> variants = variants(engagement.byVariant(), outcomes.treatmentByVariant());
		TreeSet<LocalDate> dates = new TreeSet<>(engagement.byDay().keySet());
		dates.addAll(outcomes.conversionsByDay().keySet());
		List<Day> days = new ArrayList<>();
		for (LocalDate date : dates) {
			Engagement d = engagement.byDay().getOrDefault(date, Engagement.NONE);
			days.add(new Day(date, d.delivered(), d.uniqueOpens(), d.uniqueClicks(),
					outcomes.conversionsByDay().getOrDefault(date, 0L)));
		}
		return new ScenarioMetrics(scenarioId, treatment, control, lift(t, c), steps, variants, abTest(variants), days,
				this.rollups.refreshedAt());
	}

	/** The lift of treatment over control; all null when a group is empty. */
	static Lift lift(Outcome t, Outcome c) {
		if (t.size() == 0 || c.size() == 0) {
			return new Lift(null, null, null, null, null, null, null);
		}
		TwoProportions p = TwoProportions.of(t.conversions(), t.size(), c.conversions(), c.size());
		double revenuePerT = t.revenue().doubleValue() / t.size();
		double revenuePerC = c.revenue().doubleValue() / c.size();
		return new Lift(p.difference(), p.relativeLift(), p.ci95(), p.z(), p.pValue(), p.difference() * t.size(),
				(revenuePerT - revenuePerC) * t.size());
	}

	private static List<Variant> variants(Map<String, Engagement> engagement, Map<String, Outcome> outcomes) {
		TreeSet<String> names = new TreeSet<>(engagement.keySet());
		names.addAll(outcomes.keySet());
		Engagement aEngagement = engagement.getOrDefault("A", Engagement.NONE);
		Outcome aOutcome = outcomes.getOrDefault("A", Outcome.NONE);
		List<Variant> variants = new ArrayList<>();
		for (String name : names) {
			Engagement e = engagement.getOrDefault(name, Engagement.NONE);
			Outcome o = outcomes.getOrDefault(name, Outcome.NONE);
			Comparison vsA = null;
			Comparison ctrVsA = null;
			if (!"A".equals(name)) {
				if (o.size() > 0 && aOutcome.size() > 0) {
					vsA = Comparison
						.of(TwoProportions.of(o.conversions(), o.size(), aOutcome.conversions(), aOutcome.size()));
				}
				if (e.delivered() > 0 && aEngagement.delivered() > 0) {
					ctrVsA = Comparison.of(TwoProportions.of(e.uniqueClicks(), e.delivered(),
							aEngagement.uniqueClicks(), aEngagement.delivered()));
				}
			}
			variants.add(new Variant(name, e.delivered(), e.uniqueOpens(), e.uniqueClicks(), o.size(), o.conversions(),
					rate(e.uniqueOpens(), e.delivered()), rate(e.uniqueClicks(), e.delivered()),
					rate(o.conversions(), o.size()), vsA, ctrVsA));
		}
		return variants;
	}

	/**
	 * The A/B verdict on cvr. A winner needs p &lt; 0.05: with two variants the test of B
	 * against A; with more, the chi-square across all and the best variant against A.
	 * Without one, the customers still needed: power.prop.test's n per variant for the
	 * two best observed rates at 80 % power, less the smaller of their sizes, times the
	 * number of variants.
	 */
	static AbTest abTest(List<Variant> all) {
		List<Variant> variants = all.stream().filter((v) -> v.size() > 0).toList();
		if (variants.size() < 2) {
			return new AbTest("cvr", null, null, null);
		}
		ChiSquareTest chi = null;
		if (variants.size() > 2) {
			ChiSquare x = ChiSquare.of(variants.stream().mapToLong(Variant::conversions).toArray(),
					variants.stream().mapToLong(Variant::size).toArray());
			chi = new ChiSquareTest(x.statistic(), x.df(), x.pValue());
		}
		List<Variant> ranked = variants.stream()
			.sorted(Comparator.comparingDouble((Variant v) -> v.cvr()).reversed())
			.toList();
		Variant best = ranked.get(0);
		Variant second = ranked.get(1);
		Variant a = variants.stream().filter((v) -> "A".equals(v.variant())).findFirst().orElse(null);
		boolean significant;
		if (a == null) {
			significant = false;
		}
		else if (best == a) {
			significant = variants.stream()
				.filter((v) -> v != a)
				.allMatch((v) -> v.vsA() != null && v.vsA().pValue() < ALPHA);
		}
		else {
			significant = best.vsA() != null && best.vsA().pValue() < ALPHA;
		}
		if (chi != null) {
			significant = significant && chi.pValue() < ALPHA;
		}
		if (significant && best.cvr() > second.cvr()) {
			return new AbTest("cvr", best.variant(), chi, null);
		}
		Long needed = null;
		double p1 = best.cvr();
		double p2 = second.cvr();
		if (p1 > p2 && p2 > 0 && p1 < 1) {
			long perVariant = SampleSize.perGroup(p1, p2, ALPHA, 0.8);
			long have = Math.min(best.size(), second.size());
			needed = Math.max(0, perVariant - have) * variants.size();
		}
		return new AbTest("cvr", null, chi, needed);
	}

	/**
	 * The same lift per value of a dimension, with Benjamini–Hochberg q-values over the
	 * rows that have both groups.
	 */
	@Transactional(readOnly = true)
	public Drilldown drilldown(long scenarioId, Drilldown.Dimension dimension) {
		scenario(scenarioId);
		DrillColumn column = DrillColumn.valueOf(dimension.name());
		List<Cell> cells = this.queries.drilldown(scenarioId, column, LocalDate.now(this.clock.withZone(this.zone)));
		List<String> values = new ArrayList<>();
		java.util.Map<String, long[]> counts = new java.util.LinkedHashMap<>();
		for (Cell cell : cells) {
			String key = String.valueOf(cell.value());
			if (!counts.containsKey(key)) {
				values.add(cell.value());
				counts.put(key, new long[4]);
			}
			long[] k = counts.get(key);
			int offset = "TREATMENT".equals(cell.group()) ? 0 : 2;
			k[offset] = cell.size();
			k[offset + 1] = cell.conversions();
		}
		List<TwoProportions> tests = new ArrayList<>();
		List<Integer> tested = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			long[] k = counts.get(String.valueOf(values.get(i)));
			if (k[0] > 0 && k[2] > 0) {
				tests.add(TwoProportions.of(k[1], k[0], k[3], k[2]));
				tested.add(i);
			}
		}
		double[] q = BenjaminiHochberg.adjust(tests.stream().mapToDouble(TwoProportions::pValue).toArray());
		List<Drilldown.Row> rows = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			long[] k = counts.get(String.valueOf(values.get(i)));
			int at = tested.indexOf(i);
			Drilldown.Lift lift = new Drilldown.Lift(null, null, null);
			Double qValue = null;
			if (at >= 0) {
				TwoProportions p = tests.get(at);
				lift = new Drilldown.Lift(p.difference(), p.ci95(), p.pValue());
				qValue = q[at];
			}
			rows.add(new Drilldown.Row(values.get(i), new Drilldown.Group(k[0], k[1], rate(k[1], k[0])),
					new Drilldown.Group(k[2], k[3], rate(k[3], k[2])), lift, qValue, qValue != null && qValue <= FDR));
		}
		return new Drilldown(dimension.apiName(), "BH", FDR, rows);
	}

	/**
	 * Per channel across every scenario: delivery and engagement of the messages, and
	 * treatment against control by the channel each enrolment was (or would have been)
	 * sent on.
	 */
	@Transactional(readOnly = true)
	public List<ChannelComparison> channels() {
		List<ChannelComparison> rows = new ArrayList<>();
		for (MetricsQueries.ChannelRow row : this.queries.channels()) {
			Engagement e = row.engagement();
			rows.add(new ChannelComparison(row.channel(), e.delivered(), rate(e.uniqueOpens(), e.delivered()),
					rate(e.uniqueClicks(), e.delivered()), row.treatment().size(),
					rate(row.treatment().conversions(), row.treatment().size()), row.control().size(),
					rate(row.control().conversions(), row.control().size()), lift(row.treatment(), row.control())));
		}
		return rows;
	}

	/** One channel of the comparison. */
	public record ChannelComparison(String channel, long delivered, @Nullable Double openRate, @Nullable Double ctr,
			long treatment, @Nullable Double cvr, long control, @Nullable Double controlCvr, Lift lift) {
	}

	/**
	 * What a test of this size can show, before activation: the entry segment's members
	 * reachable on the scenario's channels (the most reachable channel, from the latest
	 * snapshot), split by the control percentage; the baseline cvr (the segment's members
	 * who purchased in the last goal window); the smallest absolute lift detectable at 80
	 * % power, two-sided at 5 %; and a warning when that exceeds the expected relative
	 * lift ({@code crm.analytics.expected-relative-lift}), with the control size that
	 * would do.
	 */
	@Transactional(readOnly = true)
	public LaunchCheck launchCheck(long scenarioId) {
		ScenarioInfo info = scenario(scenarioId);
		List<SegmentSnapshot> snapshots = this.segments.snapshots(info.segmentId());
		long reach = 0;
		if (!snapshots.isEmpty()) {
			SegmentSnapshot latest = snapshots.stream().max(Comparator.comparing(SegmentSnapshot::takenAt)).get();
			for (SendStep step : info.sendSteps()) {
				long channelReach = switch (step.channel()) {
					case "EMAIL" -> latest.reachEmail();
					case "LINE" -> latest.reachLine();
					default -> latest.reachSms();
				};
				reach = Math.max(reach, channelReach);
			}
		}
		long control = Math.round(reach * info.controlPercent() / 100.0);
		long treatment = reach - control;
		Instant now = this.clock.instant();
		long[] purchasers = this.queries.segmentPurchasers(info.segmentId(),
				now.minus(java.time.Duration.ofDays(info.withinDays())), now);
		Double baseline = rate(purchasers[1], purchasers[0]);
		double expected = this.properties.expectedRelativeLift();
		if (treatment < 1 || control < 1 || baseline == null || baseline <= 0 || baseline >= 1) {
			return new LaunchCheck(reach, info.controlPercent(), treatment, control, baseline, info.withinDays(), null,
					null, expected, control < 1 && reach > 0, null);
		}
		double mde = SampleSize.minimumDetectableLift(baseline, treatment, control, ALPHA, 0.8);
		boolean tooSmall = mde / baseline > expected;
		Long controlNeeded = null;
		if (tooSmall) {
			double target = Math.min(baseline * (1 + expected), 1 - 1e-9);
			if (SampleSize.power(target, baseline, ALPHA, treatment, reach - 1) >= 0.8) {
				long lo = control;
				long hi = reach - 1;
				while (lo < hi) {
					long mid = (lo + hi) >>> 1;
					if (SampleSize.power(target, baseline, ALPHA, reach - mid, mid) >= 0.8) {
						hi = mid;
					}
					else {
						lo = mid + 1;
					}
				}
				controlNeeded = lo;
			}
		}
		return new LaunchCheck(reach, info.controlPercent(), treatment, control, baseline, info.withinDays(), mde,
				mde / baseline, expected, tooSmall, controlNeeded);
	}

	/**
	 * The launch check; {@code controlNeeded} is the control size (out of the same reach)
	 * that would detect the expected relative lift, null when none would.
	 */
	public record LaunchCheck(long reach, int controlPercent, long treatment, long control, @Nullable Double baseline,
			int withinDays, @Nullable Double minimumDetectableLift, @Nullable Double minimumDetectableRelativeLift,
			double expectedRelativeLift, boolean controlTooSmall, @Nullable Long controlNeeded) {
	}

	private ScenarioInfo scenario(long scenarioId) {
		return this.queries.scenario(scenarioId).orElseThrow(() -> new UnknownScenario(scenarioId));
	}

	static @Nullable Double rate(long numerator, long denominator) {
		return (denominator > 0) ? (double) numerator / denominator : null;
	}

}
