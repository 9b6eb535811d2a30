package io.mawasu.crm.analytics.kpi;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * KPI definitions ({@code analytics.kpi}) and the actuals of their metrics (definitions
 * on {@code KpiMetric}), over [start, end) instants of the period in the shop's zone.
 */
@Repository
public class KpiQueries {

	private final JdbcClient jdbc;

	KpiQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Row(long id, String name, String metric, LocalDate from, LocalDate to, BigDecimal target,
			@Nullable BigDecimal baseline, @Nullable Long scenarioId, @Nullable Long segmentId,
			@Nullable String createdBy, Instant createdAt) {
	}

	public record Definition(String name, String metric, LocalDate from, LocalDate to, BigDecimal target,
			@Nullable BigDecimal baseline, @Nullable Long scenarioId, @Nullable Long segmentId) {
	}

	public long insert(Definition d, @Nullable String actor) {
		return this.jdbc.sql("""
				insert into analytics.kpi (name, metric, from_date, to_date, target, baseline, scenario_id, segment_id,
					created_by)
				values (:name, :metric, :from, :to, :target, :baseline, :scenario, :segment, :actor) returning id
				""")
			.param("name", d.name())
			.param("metric", d.metric())
			.param("from", d.from())
			.param("to", d.to())
			.param("target", d.target())
			.param("baseline", d.baseline())
			.param("scenario", d.scenarioId())
			.param("segment", d.segmentId())
			.param("actor", actor)
			.query(Long.class)
			.single();
	}

	public boolean update(long id, Definition d) {
		return this.jdbc.sql("""
				update analytics.kpi set name = :name, metric = :metric, from_date = :from, to_date = :to,
					target = :target, baseline = :baseline, scenario_id = :scenario, segment_id = :segment,
					updated_at = now()
				where id = :id
				""")
			.param("id", id)
			.param("name", d.name())
			.param("metric", d.metric())
			.param("from", d.from())
			.param("to", d.to())
			.param("target", d.target())
			.param("baseline", d.baseline())
			.param("scenario", d.scenarioId())
			.param("segment", d.segmentId())
			.update() == 1;
	}

	public boolean delete(long id) {
		return this.jdbc.sql("delete from analytics.kpi where id = :id").param("id", id).update() == 1;
	}

	public Optional<Row> find(long id) {
		return this.jdbc.sql("select * from analytics.kpi where id = :id")
			.param("id", id)
			.query(KpiQueries::row)
			.optional();
	}

	public List<Row> list() {
		return this.jdbc.sql("select * from analytics.kpi order by to_date desc, id desc limit 500")
			.query(KpiQueries::row)
			.list();
	}

	/** Purchasing customers, average order value, purchase frequency and revenue. */
	public double[] orders(Instant start, Instant end, @Nullable Long segmentId) {
		return this.jdbc
			.sql("""
					select count(distinct v.customer_id) filter (where v.amount > 0),
						sum(v.amount) filter (where v.amount > 0) / nullif(count(*) filter (where v.amount > 0), 0),
						count(*) filter (where v.amount > 0)::numeric / nullif(count(distinct v.customer_id) filter (where v.amount > 0), 0),
						coalesce(sum(v.amount), 0)
					from domain.v_order v
					where v.ordered_at >= :start and v.ordered_at < :end
						and (cast(:segment as bigint) is null or v.customer_id in (
							select sm.customer_id from segmentation.v_segment_member sm where sm.segment_id = :segment))
					""")
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.param("segment", segmentId)
			.query((rs, n) -> new double[] { rs.getDouble(1), nullable(rs, 2), nullable(rs, 3), rs.getDouble(4) })
			.single();
	}

	/**
	 * New customers (first order in the period) and how many of them ordered again by its
	 * end.
	 */
	public long[] newCustomers(Instant start, Instant end, @Nullable Long segmentId) {
		return this.jdbc.sql("""
				select count(*), count(*) filter (where s.second_ordered_at < :end)
				from domain.v_customer_summary s
				where s.first_ordered_at >= :start and s.first_ordered_at < :end
					and (cast(:segment as bigint) is null or s.customer_id in (
						select sm.customer_id from segmentation.v_segment_member sm where sm.segment_id = :segment))
				""")
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.param("segment", segmentId)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
	}

	/**
	 * Treatment size and conversions, control size and conversions, of enrolments in the
	 * period.
	 */
	public long[] scenarioOutcomes(long scenarioId, Instant start, Instant end) {
		return this.jdbc
			.sql("""
					select count(*) filter (where grp = 'TREATMENT'), count(*) filter (where grp = 'TREATMENT' and converted),
						count(*) filter (where grp = 'CONTROL'), count(*) filter (where grp = 'CONTROL' and converted)
					from analytics.enrollment_outcome
					where scenario_id = :id and enrolled_at >= :start and enrolled_at < :end
					""")
			.param("id", scenarioId)
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) })
			.single();
	}

	/**
	 * Delivered, unique opens and unique clicks of the scenario's messages on the
	 * period's days.
	 */
	public long[] scenarioEngagement(long scenarioId, LocalDate from, LocalDate to) {
		return this.jdbc.sql("""
				select coalesce(sum(delivered), 0), coalesce(sum(unique_opens), 0), coalesce(sum(unique_clicks), 0)
				from analytics.engagement_daily where scenario_id = :id and day between :from and :to
				""")
			.param("id", scenarioId)
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
			.single();
	}

	private static double nullable(ResultSet rs, int column) throws SQLException {
		BigDecimal value = rs.getBigDecimal(column);
		return (value != null) ? value.doubleValue() : Double.NaN;
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getString("name"), rs.getString("metric"),
				rs.getObject("from_date", LocalDate.class), rs.getObject("to_date", LocalDate.class),
				rs.getBigDecimal("target"), rs.getBigDecimal("baseline"), (Long) rs.getObject("scenario_id"),
				(Long) rs.getObject("segment_id"), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant());
	}

}
