package io.mawasu.crm.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.mawasu.crm.analytics.KpiView.Factor;
import io.mawasu.crm.analytics.KpiView.Status;
import io.mawasu.crm.analytics.kpi.KpiQueries;
import io.mawasu.crm.analytics.metrics.MetricsQueries;
import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.Segments;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * KPI targets: create, update, delete, list and read them with their actual, progress and
 * status (definitions on {@link KpiMetric} and {@link KpiView}). A request the caller can
 * correct is an {@link InvalidAnalyticsRequest} naming the field.
 */
@Service
public class Kpis {

	/** Below these a BEHIND scenario KPI names the factor (checked in funnel order). */
	static final double LOW_REACH = 0.8;

	static final double LOW_OPEN_RATE = 0.2;

	static final double LOW_CTR = 0.02;

	private static final int MAX_NAME = 200;

	private static final BigDecimal MAX_VALUE = new BigDecimal("1000000000000");

	private final KpiQueries queries;

	private final MetricsQueries metrics;

	private final Segments segments;

	private final ZoneId zone;

	private final Clock clock;

	Kpis(KpiQueries queries, MetricsQueries metrics, Segments segments, ShopProperties shop,
			ObjectProvider<Clock> clock) {
		this.queries = queries;
		this.metrics = metrics;
		this.segments = segments;
		this.zone = shop.timeZone();
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@Transactional
	public long create(KpiRequest request, @Nullable String actor) {
		return this.queries.insert(check(request), actor);
	}

	/** Replaces a KPI's definition; {@link UnknownKpi} for an unknown id. */
	@Transactional
	public KpiView update(long id, KpiRequest request) {
		if (!this.queries.update(id, check(request))) {
			throw new UnknownKpi(id);
		}
		return get(id).orElseThrow(() -> new UnknownKpi(id));
	}

	@Transactional
	public boolean delete(long id) {
		return this.queries.delete(id);
	}

	@Transactional(readOnly = true)
	public Optional<KpiView> get(long id) {
		return this.queries.find(id).map(this::view);
	}

	/** The newest periods first (at most 500). */
	@Transactional(readOnly = true)
	public List<KpiView> list() {
		return this.queries.list().stream().map(this::view).toList();
	}

	private KpiView view(KpiQueries.Row row) {
		KpiMetric metric = KpiMetric.valueOf(row.metric());
		Double actual = actual(metric, row);
		Double progress = (actual != null) ? actual / row.target().doubleValue() : null;
		LocalDate today = LocalDate.now(this.clock.withZone(this.zone));
		Status status;
		if (today.isBefore(row.from())) {
			status = Status.NOT_STARTED;
		}
		else if (progress != null && progress >= 1) {
			status = Status.ACHIEVED;
		}
		else {
			double days = ChronoUnit.DAYS.between(row.from(), row.to()) + 1;
			double elapsed = Math.min(1, (ChronoUnit.DAYS.between(row.from(), today) + 1) / days);
			status = (progress != null && progress >= elapsed) ? Status.ON_TRACK : Status.BEHIND;
		}
		Factor factor = (status == Status.BEHIND && row.scenarioId() != null) ? factor(row.scenarioId()) : null;
		return new KpiView(row.id(), row.name(), metric, row.from(), row.to(), row.target(), row.baseline(),
				row.scenarioId(), row.segmentId(), actual, progress, status, factor, row.createdBy(), row.createdAt());
	}

	private @Nullable Double actual(KpiMetric metric, KpiQueries.Row row) {
		Instant start = row.from().atStartOfDay(this.zone).toInstant();
		Instant end = row.to().plusDays(1).atStartOfDay(this.zone).toInstant();
		Long scenario = row.scenarioId();
		switch (metric) {
			case PURCHASING_CUSTOMERS, AVERAGE_ORDER_VALUE, PURCHASE_FREQUENCY, REVENUE -> {
				double[] o = this.queries.orders(start, end, row.segmentId());
				double value = o[metric.ordinal()];
				return Double.isNaN(value) ? null : value;
			}
			case NEW_CUSTOMERS, F2_RATE -> {
				long[] n = this.queries.newCustomers(start, end, row.segmentId());
				if (metric == KpiMetric.NEW_CUSTOMERS) {
					return (double) n[0];
				}
				return ScenarioResults.rate(n[1], n[0]);
			}
			case SCENARIO_CVR, SCENARIO_CONVERSIONS, SCENARIO_INCREMENTAL_CONVERSIONS -> {
				if (scenario == null) {
					return null;
				}
				long[] o = this.queries.scenarioOutcomes(scenario, start, end);
				if (metric == KpiMetric.SCENARIO_CONVERSIONS) {
					return (double) o[1];
				}
				if (metric == KpiMetric.SCENARIO_CVR) {
					return ScenarioResults.rate(o[1], o[0]);
				}
				if (o[0] == 0 || o[2] == 0) {
					return null;
				}
				return ((double) o[1] / o[0] - (double) o[3] / o[2]) * o[0];
			}
			default -> {
				if (scenario == null) {
					return null;
				}
				long[] e = this.queries.scenarioEngagement(scenario, row.from(), row.to());
				return ScenarioResults.rate((metric == KpiMetric.SCENARIO_OPEN_RATE) ? e[1] : e[2], e[0]);
			}
		}
	}

	/**
	 * The first stage of the scenario's funnel below its mark: REACH when under 80 % of
	 * its messages were delivered (suppressed or failed: the segment or consent),
	 * OPEN_RATE under 20 %, CTR under 2 % of delivered, else CVR.
	 */
	private Factor factor(long scenarioId) {
		MetricsQueries.Engagement e = this.metrics.engagement(scenarioId).total();
		long attempted = e.delivered() + e.failed() + e.suppressed();
		if (attempted == 0 || (double) e.delivered() / attempted < LOW_REACH) {
			return Factor.REACH;
		}
		if ((double) e.uniqueOpens() / e.delivered() < LOW_OPEN_RATE) {
			return Factor.OPEN_RATE;
		}
		if ((double) e.uniqueClicks() / e.delivered() < LOW_CTR) {
			return Factor.CTR;
		}
		return Factor.CVR;
	}

	private KpiQueries.Definition check(KpiRequest r) {
		String name = (r.name() != null) ? r.name().strip() : "";
		if (name.isEmpty() || name.length() > MAX_NAME || name.indexOf('\0') >= 0) {
			throw new InvalidAnalyticsRequest("name", "is required: 1 to " + MAX_NAME + " characters without NUL");
		}
		if (r.metric() == null) {
			throw new InvalidAnalyticsRequest("metric", "is required: one of " + List.of(KpiMetric.values()));
		}
		KpiMetric metric;
		try {
			metric = KpiMetric.valueOf(r.metric());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidAnalyticsRequest("metric", "must be one of " + List.of(KpiMetric.values()) + ", got '"
					+ r.metric().substring(0, Math.min(40, r.metric().length())) + "'");
		}
		if (r.from() == null || r.to() == null) {
			throw new InvalidAnalyticsRequest((r.from() == null) ? "from" : "to", "is required (a date, 2026-04-01)");
		}
		if (r.to().isBefore(r.from())) {
			throw new InvalidAnalyticsRequest("to", "must not be before from");
		}
		if (r.from().getYear() < 2000 || r.to().getYear() > 2100 || ChronoUnit.DAYS.between(r.from(), r.to()) > 3660) {
			throw new InvalidAnalyticsRequest("to", "the period must lie within 2000–2100 and last at most ten years");
		}
		if (r.target() == null || r.target().signum() <= 0 || r.target().compareTo(MAX_VALUE) > 0) {
			throw new InvalidAnalyticsRequest("target", "is required: a number above 0 and at most " + MAX_VALUE);
		}
		if (r.baseline() != null && r.baseline().abs().compareTo(MAX_VALUE) > 0) {
			throw new InvalidAnalyticsRequest("baseline", "must be at most " + MAX_VALUE + " in size");
		}
		if (metric.perScenario() && r.scenarioId() == null) {
			throw new InvalidAnalyticsRequest("scenarioId", "is required for " + metric);
		}
		if (r.scenarioId() != null && this.metrics.scenario(r.scenarioId()).isEmpty()) {
			throw new InvalidAnalyticsRequest("scenarioId", "names no scenario: " + r.scenarioId());
		}
		if (r.segmentId() != null && this.segments.find(r.segmentId()).isEmpty()) {
			throw new InvalidAnalyticsRequest("segmentId", "names no segment: " + r.segmentId());
		}
		return new KpiQueries.Definition(name, metric.name(), r.from(), r.to(), r.target(), r.baseline(),
				r.scenarioId(), r.segmentId());
	}

}
