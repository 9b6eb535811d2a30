package io.mawasu.crm.segmentation.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.segmentation.DecileAnalysis;
import io.mawasu.crm.segmentation.F2Analysis;
import io.mawasu.crm.segmentation.ParetoAnalysis;
import io.mawasu.crm.segmentation.ParetoBy;
import io.mawasu.crm.segmentation.RetentionAnalysis;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Set-based SQL over {@code domain.v_order} (read only) for the analyses. Periods are
 * calendar days in the shop's zone; callers run each method in a transaction so that
 * {@code SET LOCAL work_mem} applies to it.
 */
@Component
public class AnalysisQueries {

	/** Months after the cohort month that retention follows. */
	public static final int RETENTION_MONTHS = 12;

	private static final String BIG_WORK_MEM = "set local work_mem = '256MB'";

	private final JdbcClient jdbc;

	AnalysisQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Deciles of customers by spend. Spend = sum of a customer's order amounts (returns
	 * included) with {@code ordered_at} in [from 00:00, to + 1 day 00:00) in the zone;
	 * only customers with spend &gt; 0 take part. Decile = {@code ntile(10)} over them
	 * ordered by spend descending (ties by customer id), so decile 1 is the top; share =
	 * decile revenue / total revenue; cumulative share = revenue of deciles 1..n / total;
	 * average spend = decile revenue / decile customers.
	 */
	public DecileAnalysis decile(LocalDate from, LocalDate to, ZoneId zone) {
		this.jdbc.sql(BIG_WORK_MEM).update();
		List<DecileAnalysis.Decile> deciles = this.jdbc.sql("""
				with spend as (
					select customer_id, sum(amount) as spend
					from domain.v_order
					where ordered_at >= :start and ordered_at < :end
					group by customer_id
					having sum(amount) > 0
				), ranked as (
					select spend, ntile(10) over (order by spend desc, customer_id) as decile
					from spend
				), decile as (
					select decile, count(*) as customers, sum(spend) as revenue, min(spend) as min_spend,
						max(spend) as max_spend
					from ranked
					group by decile
				)
				select decile, customers, revenue, min_spend, max_spend,
					revenue / sum(revenue) over () as share,
					sum(revenue) over (order by decile) / sum(revenue) over () as cumulative_share
				from decile
				order by decile
				""")
			.param("start", start(from, zone))
			.param("end", start(to.plusDays(1), zone))
			.query((rs, n) -> new DecileAnalysis.Decile(rs.getInt("decile"), rs.getLong("customers"),
					rs.getBigDecimal("revenue"), rs.getDouble("share"), rs.getDouble("cumulative_share"),
					rs.getBigDecimal("revenue")
						.divide(BigDecimal.valueOf(rs.getLong("customers")), 2, RoundingMode.HALF_UP),
					rs.getBigDecimal("min_spend"), rs.getBigDecimal("max_spend")))
			.list();
		long customers = deciles.stream().mapToLong(DecileAnalysis.Decile::customers).sum();
		BigDecimal revenue = deciles.stream()
			.map(DecileAnalysis.Decile::revenue)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return new DecileAnalysis(from, to, customers, revenue, deciles);
	}

	/**
	 * Pareto / ABC ranking. Revenue of an item = sum of the amounts (returns included) of
	 * its orders with {@code ordered_at} in [from 00:00, to + 1 day 00:00) in the zone;
	 * only items with revenue &gt; 0 take part, ranked by revenue descending (ties by
	 * key). Cumulative share = revenue of the items up to the rank / total revenue. Class
	 * A = items whose preceding items make less than {@code a}% of the revenue, B = less
	 * than {@code b}%, C = the rest. The curve has one point per item up to 100 items,
	 * otherwise one per percentile of items ({@code ceil(rank * 100 / items)}).
	 */
	public ParetoAnalysis pareto(ParetoBy by, LocalDate from, LocalDate to, ZoneId zone, double a, double b, int top) {
		this.jdbc.sql(BIG_WORK_MEM).update();
		this.jdbc.sql("drop table if exists pg_temp.pareto_ranked").update();
		this.jdbc.sql("""
				create temporary table pareto_ranked (key text, revenue numeric, rank bigint, cumulative numeric,
					total numeric, items bigint, abc_class text) on commit drop
				""").update();
		this.jdbc.sql("""
				insert into pareto_ranked (key, revenue, rank, cumulative, total, items, abc_class)
				with item as (%s), ranked as (
					select key, revenue,
						row_number() over w as rank,
						sum(revenue) over w as cumulative,
						sum(revenue) over () as total,
						count(*) over () as items
					from item
					window w as (order by revenue desc, key nulls last rows between unbounded preceding and current row)
				)
				select key, revenue, rank, cumulative, total, items,
					case when (cumulative - revenue) * 100 < :a * total then 'A'
						when (cumulative - revenue) * 100 < :b * total then 'B'
						else 'C' end as abc_class
				from ranked
				""".formatted(itemSql(by)))
			.param("start", start(from, zone))
			.param("end", start(to.plusDays(1), zone))
			.param("a", a)
			.param("b", b)
			.update();
		Map<String, ParetoAnalysis.AbcClass> classes = new LinkedHashMap<>();
		for (String name : List.of("A", "B", "C")) {
			classes.put(name, new ParetoAnalysis.AbcClass(name, 0, 0, BigDecimal.ZERO, 0));
		}
		this.jdbc.sql("""
				select abc_class, count(*) as items, sum(revenue) as revenue,
					count(*)::float8 / max(items) as item_share, sum(revenue) / max(total) as share
				from pareto_ranked
				group by abc_class
				""")
			.query((rs, n) -> new ParetoAnalysis.AbcClass(rs.getString("abc_class"), rs.getLong("items"),
					rs.getDouble("item_share"), rs.getBigDecimal("revenue"), rs.getDouble("share")))
			.list()
			.forEach((abc) -> classes.put(abc.abcClass(), abc));
		List<ParetoAnalysis.Point> curve = this.jdbc.sql("""
				select max(rank) as rank, max(rank)::float8 / max(items) as item_share,
					case when max(items) <= 100 then coalesce(min(key), '')
						else (ceil(max(rank) * 100.0 / max(items)))::int || '%' end as label,
					sum(revenue) as revenue, sum(revenue) / max(total) as share,
					max(cumulative) / max(total) as cumulative_share
				from pareto_ranked
				group by case when items <= 100 then rank else ceil(rank * 100.0 / items) end
				order by 1
				""")
			.query((rs, n) -> new ParetoAnalysis.Point(rs.getLong("rank"), rs.getDouble("item_share"),
					rs.getString("label"), rs.getBigDecimal("revenue"), rs.getDouble("share"),
					rs.getDouble("cumulative_share")))
			.list();
		List<ParetoAnalysis.Item> items = this.jdbc.sql("""
				select rank, key, revenue, revenue / total as share, cumulative / total as cumulative_share, abc_class
				from pareto_ranked
				where rank <= :top
				order by rank
				""")
			.param("top", top)
			.query((rs, n) -> new ParetoAnalysis.Item(rs.getLong("rank"), rs.getString("key"),
					rs.getBigDecimal("revenue"), rs.getDouble("share"), rs.getDouble("cumulative_share"),
					rs.getString("abc_class")))
			.list();
		long count = classes.values().stream().mapToLong(ParetoAnalysis.AbcClass::items).sum();
		BigDecimal revenue = classes.values()
			.stream()
			.map(ParetoAnalysis.AbcClass::revenue)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return new ParetoAnalysis(by, from, to, a, b, count, revenue, List.copyOf(classes.values()), curve, items);
	}

	/**
	 * The item revenues of one period; the key column comes from the enum, never from
	 * input.
	 */
	private static String itemSql(ParetoBy by) {
		return switch (by) {
			case CUSTOMER -> """
					select c.external_id as key, s.revenue
					from (select customer_id, sum(amount) as revenue
						from domain.v_order
						where ordered_at >= :start and ordered_at < :end
						group by customer_id
						having sum(amount) > 0) s
					join domain.v_customer c on c.id = s.customer_id
					""";
			case CATEGORY -> """
					select category as key, sum(amount) as revenue
					from domain.v_order
					where ordered_at >= :start and ordered_at < :end
					group by category
					having sum(amount) > 0
					""";
			case BRAND -> """
					select brand as key, sum(amount) as revenue
					from domain.v_order
					where ordered_at >= :start and ordered_at < :end
					group by brand
					having sum(amount) > 0
					""";
		};
	}

	/**
	 * F2 conversion by cohort. Only positive orders (amount &gt; 0) count: a customer's
	 * first order is their earliest positive order (ties by order id), the second their
	 * next one. Cohort = month of the first order in the zone, limited to first orders on
	 * days [from, to] in the zone. Days = second order's date − first order's date
	 * (calendar days in the zone). withinN = customers with days ≤ N; shareN = withinN /
	 * cohort customers; repeaters = customers with a second order; median days =
	 * {@code percentile_cont(0.5)} of days over the repeaters. The total row is the
	 * {@code rollup} of all cohorts.
	 */
	public F2Analysis f2(LocalDate from, LocalDate to, ZoneId zone) {
		this.jdbc.sql(BIG_WORK_MEM).update();
		List<F2Analysis.Cohort> rows = this.jdbc.sql("""
				with positive as (
					select customer_id, ordered_at,
						row_number() over (partition by customer_id order by ordered_at, id) as n
					from domain.v_order
					where amount > 0
				), pair as (
					select customer_id,
						(min(ordered_at) filter (where n = 1)) at time zone :zone as first_at,
						(min(ordered_at) filter (where n = 2)) at time zone :zone as second_at
					from positive
					where n <= 2
					group by customer_id
				), f as (
					select to_char(first_at, 'YYYY-MM') as cohort, second_at::date - first_at::date as days
					from pair
					where first_at::date between :from and :to
				)
				select cohort, count(*) as customers,
					count(*) filter (where days <= 30) as within30,
					count(*) filter (where days <= 60) as within60,
					count(*) filter (where days <= 90) as within90,
					count(*) filter (where days <= 180) as within180,
					count(days) as repeaters,
					percentile_cont(0.5) within group (order by days) as median_days
				from f
				group by rollup (cohort)
				order by cohort nulls last
				""")
			.param("zone", zone.getId())
			.param("from", from)
			.param("to", to)
			.query(AnalysisQueries::f2Cohort)
			.list();
		List<F2Analysis.Cohort> cohorts = new ArrayList<>(rows);
		F2Analysis.Cohort total = (!cohorts.isEmpty() && cohorts.get(cohorts.size() - 1).cohort() == null)
				? cohorts.remove(cohorts.size() - 1)
				: new F2Analysis.Cohort(null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
		return new F2Analysis(List.copyOf(cohorts), total);
	}

	private static F2Analysis.Cohort f2Cohort(ResultSet rs, int n) throws SQLException {
		long customers = rs.getLong("customers");
		long within30 = rs.getLong("within30");
		long within60 = rs.getLong("within60");
		long within90 = rs.getLong("within90");
		long within180 = rs.getLong("within180");
		long repeaters = rs.getLong("repeaters");
		double days = rs.getDouble("median_days");
		Double median = rs.wasNull() ? null : days;
		return new F2Analysis.Cohort(rs.getString("cohort"), customers, within30, within60, within90, within180,
				repeaters, share(within30, customers), share(within60, customers), share(within90, customers),
				share(within180, customers), share(repeaters, customers), median);
	}

	/**
	 * Repeat and retention by cohort. Only positive orders (amount &gt; 0) count. Cohort
	 * = month (in the zone) of a customer's first order, limited to first orders on days
	 * [from, to]; repeaters = cohort customers with two or more orders; retained(k) =
	 * cohort customers with at least one order in the calendar month cohort + k (k = 1 …
	 * 12); share(k) = retained(k) / cohort customers. Months after the last month that
	 * has any positive order are not yet observed and come back {@code null}.
	 */
	public RetentionAnalysis retention(LocalDate from, LocalDate to, ZoneId zone) {
		this.jdbc.sql(BIG_WORK_MEM).update();
		record Row(String cohort, int offset, long customers, long repeaters, int observed) {
		}
		List<Row> rows = this.jdbc.sql("""
				with per_month as (
					select customer_id, date_trunc('month', ordered_at at time zone :zone) as month,
						count(*) as orders, min(ordered_at) as first_at
					from domain.v_order
					where amount > 0
					group by 1, 2
				), tagged as (
					select month,
						min(month) over c as cohort,
						sum(orders) over c as orders,
						min(first_at) over c as first_at,
						max(month) over () as last_month
					from per_month
					window c as (partition by customer_id)
				), offset_month as (
					select cohort, orders, last_month,
						((extract(year from month) - extract(year from cohort)) * 12
							+ extract(month from month) - extract(month from cohort))::int as k
					from tagged
					where (first_at at time zone :zone)::date between :from and :to
				)
				select to_char(cohort, 'YYYY-MM') as cohort, k, count(*) as customers,
					count(*) filter (where orders > 1) as repeaters,
					((extract(year from max(last_month)) - extract(year from cohort)) * 12
						+ extract(month from max(last_month)) - extract(month from cohort))::int as observed
				from offset_month
				where k <= :months
				group by cohort, k
				order by cohort, k
				""")
			.param("zone", zone.getId())
			.param("from", from)
			.param("to", to)
			.param("months", RETENTION_MONTHS)
			.query((rs, n) -> new Row(rs.getString("cohort"), rs.getInt("k"), rs.getLong("customers"),
					rs.getLong("repeaters"), rs.getInt("observed")))
			.list();
		Map<String, List<Row>> byCohort = new LinkedHashMap<>();
		rows.forEach((row) -> byCohort.computeIfAbsent(row.cohort(), (key) -> new ArrayList<>()).add(row));
		List<RetentionAnalysis.Cohort> cohorts = new ArrayList<>();
		byCohort.forEach((cohort, cohortRows) -> {
			// Every customer has an order in their cohort month, so row k = 0 is the
			// cohort.
			Row first = cohortRows.get(0);
			@Nullable Long[] retained = new Long[RETENTION_MONTHS];
			@Nullable Double[] shares = new Double[RETENTION_MONTHS];
			for (int k = 1; k <= Math.min(RETENTION_MONTHS, first.observed()); k++) {
				retained[k - 1] = 0L;
				shares[k - 1] = 0.0;
			}
			for (Row row : cohortRows) {
				if (row.offset() >= 1 && row.offset() <= first.observed()) {
					retained[row.offset() - 1] = row.customers();
					shares[row.offset() - 1] = share(row.customers(), first.customers());
				}
			}
			cohorts.add(new RetentionAnalysis.Cohort(cohort, first.customers(), first.repeaters(),
					share(first.repeaters(), first.customers()), Arrays.asList(retained), Arrays.asList(shares)));
		});
		return new RetentionAnalysis(RETENTION_MONTHS, List.copyOf(cohorts));
	}

	private static double share(long part, long whole) {
		return (whole == 0) ? 0 : (double) part / whole;
	}

	private static OffsetDateTime start(LocalDate day, ZoneId zone) {
		Instant instant = day.atStartOfDay(zone).toInstant();
		return instant.atOffset(ZoneOffset.UTC);
	}

}
