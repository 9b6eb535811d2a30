package io.mawasu.crm.analytics.metrics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mawasu.crm.domain.customer.ShopProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the metrics rollups ({@code analytics.engagement_daily},
 * {@code analytics.enrollment_outcome}); never the raw events. Definitions are stated on
 * {@code ScenarioMetrics}.
 */
@Repository
public class MetricsQueries {

	private final JdbcClient jdbc;

	private final ZoneId zone;

	MetricsQueries(JdbcClient jdbc, ShopProperties shop) {
		this.jdbc = jdbc;
		this.zone = shop.timeZone();
	}

	public record ScenarioInfo(long id, String name, String status, long segmentId, int controlPercent, int withinDays,
			List<SendStep> sendSteps) {
	}

	public record SendStep(String key, String channel) {
	}

	/** Counts of messages (any grouping of the engagement rollup). */
	public record Engagement(long delivered, long failed, long suppressed, long uniqueOpens, long opens,
			long uniqueClicks, long clicks, long unsubscribes) {

		public static final Engagement NONE = new Engagement(0, 0, 0, 0, 0, 0, 0, 0);

	}

	/** Enrolments, conversions and revenue of a group (or a variant of the treatment). */
	public record Outcome(long size, long conversions, BigDecimal revenue) {

		public static final Outcome NONE = new Outcome(0, 0, BigDecimal.ZERO);

	}

	public record EngagementSets(Engagement total, Map<String, Engagement> byStep, Map<String, Engagement> byVariant,
			Map<LocalDate, Engagement> byDay) {
	}

	public record OutcomeSets(Map<String, Outcome> byGroup, Map<String, Outcome> treatmentByVariant,
			Map<String, Long> conversionsByStep, Map<LocalDate, Long> conversionsByDay) {
	}

	/** The scenario's name, status, goal window and SEND steps in definition order. */
	public Optional<ScenarioInfo> scenario(long id) {
		Optional<ScenarioInfo> info = this.jdbc.sql("""
				select id, name, status, segment_id, control_percent,
					coalesce((definition -> 'goal' ->> 'withinDays')::integer, 7) as within_days
				from scenario.v_scenario where id = :id
				""")
			.param("id", id)
			.query((rs, n) -> new ScenarioInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getInt(5), rs.getInt(6), List.of()))
			.optional();
		if (info.isEmpty()) {
			return info;
		}
		List<SendStep> steps = this.jdbc
			.sql("""
					select st ->> 'key', st ->> 'channel'
					from scenario.v_scenario s cross join jsonb_array_elements(s.definition -> 'steps') with ordinality as x(st, i)
					where s.id = :id and st ->> 'type' = 'SEND' order by x.i
					""")
			.param("id", id)
			.query((rs, n) -> new SendStep(rs.getString(1), rs.getString(2)))
			.list();
		ScenarioInfo i = info.get();
		return Optional.of(new ScenarioInfo(i.id(), i.name(), i.status(), i.segmentId(), i.controlPercent(),
				i.withinDays(), steps));
	}

	/** Engagement of a scenario: in total, per step, per variant and per day. */
	public EngagementSets engagement(long scenarioId) {
		Map<String, Engagement> steps = new LinkedHashMap<>();
		Map<String, Engagement> variants = new LinkedHashMap<>();
		Map<LocalDate, Engagement> days = new LinkedHashMap<>();
		Engagement[] total = { Engagement.NONE };
		this.jdbc.sql("""
				select grouping(step_key) as gs, grouping(variant) as gv, grouping(day) as gd, step_key, variant, day,
					sum(delivered), sum(failed), sum(suppressed), sum(unique_opens), sum(opens), sum(unique_clicks),
					sum(clicks), sum(unsubscribes)
				from analytics.engagement_daily where scenario_id = :id
				group by grouping sets ((step_key), (variant), (day), ())
				order by day, variant, step_key
				""").param("id", scenarioId).query((rs) -> {
			Engagement e = new Engagement(rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
					rs.getLong(12), rs.getLong(13), rs.getLong(14));
			if (rs.getInt("gs") == 0) {
				steps.put(rs.getString("step_key"), e);
			}
			else if (rs.getInt("gv") == 0) {
				variants.put(rs.getString("variant"), e);
			}
			else if (rs.getInt("gd") == 0) {
				days.put(rs.getObject("day", LocalDate.class), e);
			}
			else {
				total[0] = e;
			}
		});
		return new EngagementSets(total[0], steps, variants, days);
	}

	/**
	 * Outcomes of a scenario's enrolments: per group, per treatment variant, converted
	 * treatment enrolments per step delivered and per day of the first purchase.
	 */
	public OutcomeSets outcomes(long scenarioId) {
		Map<String, Outcome> groups = new LinkedHashMap<>();
		Map<String, Outcome> variants = new LinkedHashMap<>();
		this.jdbc.sql("""
				select grp, grouping(variant) as gv, variant, count(*), count(*) filter (where converted), sum(revenue)
				from analytics.enrollment_outcome where scenario_id = :id
				group by grouping sets ((grp), (grp, variant))
				order by grp, variant nulls last
				""").param("id", scenarioId).query((rs) -> {
			Outcome o = new Outcome(rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6));
			if (rs.getInt("gv") == 1) {
				groups.put(rs.getString("grp"), o);
			}
			else if ("TREATMENT".equals(rs.getString("grp")) && rs.getString("variant") != null) {
				variants.put(rs.getString("variant"), o);
			}
		});
		Map<String, Long> steps = new LinkedHashMap<>();
		this.jdbc.sql("""
				select s.step, count(*) from analytics.enrollment_outcome o cross join unnest(o.steps) as s(step)
				where o.scenario_id = :id and o.grp = 'TREATMENT' and o.converted group by s.step
				""").param("id", scenarioId).query((rs) -> {
			steps.put(rs.getString(1), rs.getLong(2));
		});
		Map<LocalDate, Long> days = new LinkedHashMap<>();
		this.jdbc.sql("""
				select (first_purchase_at at time zone :zone)::date as day, count(*) from analytics.enrollment_outcome
				where scenario_id = :id and grp = 'TREATMENT' and converted group by 1 order by 1
				""").param("id", scenarioId).param("zone", this.zone.getId()).query((rs) -> {
			days.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
		});
		return new OutcomeSets(groups, variants, steps, days);
	}

	/** A drill-down cell: enrolments and conversions of a group for one value. */
	public record Cell(@Nullable String value, String group, long size, long conversions) {
	}

	/**
	 * Enrolments and conversions per group for each value of the dimension;
	 * {@code column} is one of the whitelisted expressions of {@link DrillColumn}.
	 */
	public List<Cell> drilldown(long scenarioId, DrillColumn column, LocalDate today) {
		String sql = """
				select %s as value, o.grp, count(*), count(*) filter (where o.converted)
				from analytics.enrollment_outcome o
				join domain.v_customer c on c.id = o.customer_id
				%s
				where o.scenario_id = :id
				group by 1, 2 order by 1 nulls last, 2
				""".formatted(column.expression, column.join);
		List<Cell> cells = new ArrayList<>();
		var spec = this.jdbc.sql(sql).param("id", scenarioId);
		if (column.usesToday) {
			spec = spec.param("today", today);
		}
		spec.query((rs) -> {
			cells.add(new Cell(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
		});
		return cells;
	}

	/** The drill-down dimensions as SQL: constants only, never user input. */
	public enum DrillColumn {

		PREFECTURE("c.prefecture", "", false), GENDER("c.gender", "", false),
		AGE_BAND(
				"""
						case when c.birth_date is null then null else
							(floor(extract(year from age(cast(:today as date), c.birth_date)) / 10) * 10)::integer || '-'
							|| (floor(extract(year from age(cast(:today as date), c.birth_date)) / 10) * 10 + 9)::integer end""",
				"", true),
		RFM_SEGMENT("r.segment_code", "left join segmentation.v_rfm_latest r on r.customer_id = o.customer_id", false),
		CHANNEL("o.channel", "", false);

		final String expression;

		final String join;

		final boolean usesToday;

		DrillColumn(String expression, String join, boolean usesToday) {
			this.expression = expression;
			this.join = join;
			this.usesToday = usesToday;
		}

	}

	/** Per channel across scenarios: engagement and outcomes per group. */
	public record ChannelRow(String channel, Engagement engagement, Outcome treatment, Outcome control) {
	}

	public List<ChannelRow> channels() {
		Map<String, Engagement> engagement = new LinkedHashMap<>();
		this.jdbc.sql("""
				select channel, sum(delivered), sum(failed), sum(suppressed), sum(unique_opens), sum(opens),
					sum(unique_clicks), sum(clicks), sum(unsubscribes)
				from analytics.engagement_daily group by channel
				""").query((rs) -> {
			engagement.put(rs.getString(1), new Engagement(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)));
		});
		Map<String, Outcome> treatment = new LinkedHashMap<>();
		Map<String, Outcome> control = new LinkedHashMap<>();
		this.jdbc.sql("""
				select channel, grp, count(*), count(*) filter (where converted), sum(revenue)
				from analytics.enrollment_outcome where channel is not null group by channel, grp
				""").query((rs) -> {
			Outcome o = new Outcome(rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5));
			("TREATMENT".equals(rs.getString(2)) ? treatment : control).put(rs.getString(1), o);
		});
		List<ChannelRow> rows = new ArrayList<>();
		for (String channel : List.of("EMAIL", "LINE", "SMS")) {
			rows.add(new ChannelRow(channel, engagement.getOrDefault(channel, Engagement.NONE),
					treatment.getOrDefault(channel, Outcome.NONE), control.getOrDefault(channel, Outcome.NONE)));
		}
		return rows;
	}

	/**
	 * The launch check's baseline: of the segment's current members, how many made a
	 * purchase (amount &gt; 0) in [from, to).
	 */
	public long[] segmentPurchasers(long segmentId, Instant from, Instant to) {
		return this.jdbc.sql("""
				select count(*), count(*) filter (where exists (
					select 1 from domain.v_order v where v.customer_id = sm.customer_id and v.amount > 0
						and v.ordered_at >= :from and v.ordered_at < :to))
				from segmentation.v_segment_member sm where sm.segment_id = :segment
				""")
			.param("segment", segmentId)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
	}

}
