package io.mawasu.crm.domain.order;

import java.time.Clock;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import io.mawasu.crm.domain.customer.ShopProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Set-based reads over orders for the KPI pages. Monthly KPIs are kept in a rollup that
 * is recomputed month by month when orders change, because counting distinct customers
 * over millions of orders takes far too long for a page (about 20 s at 10M orders).
 */
@Service
public class OrderQueries {

	private final JdbcClient jdbc;

	private final ShopProperties shop;

	private final Clock clock;

	OrderQueries(JdbcClient jdbc, ShopProperties shop, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.shop = shop;
	}

	/**
	 * The purchase KPIs of the last {@code months} calendar months in the shop's time
	 * zone, the current month included, oldest first.
	 * @see #monthlyKpis(YearMonth, int)
	 */
	@Transactional
	public List<MonthlyKpi> monthlyKpis(int months) {
		return monthlyKpis(YearMonth.now(this.clock.withZone(this.shop.timeZone())), months);
	}

	/**
	 * The purchase KPIs of the {@code months} calendar months ending with {@code last},
	 * oldest first, one entry per month even when it has no orders. A month runs from
	 * midnight of its first day to midnight of the next month's first day in
	 * {@code crm.time-zone}. Only orders with a positive amount count:
	 * <ul>
	 * <li>purchasing customers = distinct customers with an order in the month;</li>
	 * <li>average order value = sum of amounts / orders;</li>
	 * <li>purchase frequency = orders / purchasing customers.</li>
	 * </ul>
	 * Months are read from the {@code domain.order_month} rollup; a month missing there,
	 * or one whose orders changed since (triggers on {@code domain.orders} mark the
	 * days), is first recomputed from the orders in one statement.
	 */
	@Transactional
	public List<MonthlyKpi> monthlyKpis(YearMonth last, int months) {
		YearMonth first = last.minusMonths(Math.max(1, months) - 1L);
		String zone = this.shop.timeZone().getId();
		refresh(first, last, zone);
		return this.jdbc.sql("""
				select cast(m as date) as month, coalesce(k.purchasing_customers, 0) as customers,
					coalesce(k.orders, 0) as orders, coalesce(k.revenue, 0) as revenue,
					round(k.revenue / nullif(k.orders, 0), 2) as average_order_value,
					round(cast(k.orders as numeric) / nullif(k.purchasing_customers, 0), 2) as purchase_frequency
				from generate_series(cast(:first as date), cast(:last as date), interval '1 month') as m
				left join domain.order_month k on k.zone = :zone and k.month = cast(m as date)
				order by 1
				""")
			.param("first", first.atDay(1))
			.param("last", last.atDay(1))
			.param("zone", zone)
			.query((rs, n) -> new MonthlyKpi(YearMonth.from(rs.getObject("month", LocalDate.class)),
					rs.getLong("customers"), rs.getLong("orders"), rs.getBigDecimal("revenue"),
					rs.getBigDecimal("average_order_value"), rs.getBigDecimal("purchase_frequency")))
			.list();
	}

	/**
	 * Brings the rollup up to date for the months asked for: forgets the months whose
	 * orders changed, then computes every missing month from the orders.
	 */
	private void refresh(YearMonth first, YearMonth last, String zone) {
		// One refresher at a time; the others wait and then find nothing left to do.
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext('domain.order_month'))").query((rs, n) -> n).list();
		// A UTC day spans local dates from the day before to the day after in any zone.
		this.jdbc.sql("""
				with dirty as (
					delete from domain.order_month_dirty returning day
				),
				touched as (
					select distinct cast(date_trunc('month', cast(d.day + shift.days as timestamp)) as date) as month
					from dirty d cross join (values (-1), (0), (1)) as shift (days)
				)
				delete from domain.order_month k using touched t where k.month = t.month
				""").update();
		List<LocalDate> missing = this.jdbc.sql("""
				select cast(g as date)
				from generate_series(cast(:first as date), cast(:last as date), interval '1 month') as g
				where not exists (select 1 from domain.order_month k where k.zone = :zone and k.month = cast(g as date))
				order by 1
				""")
			.param("first", first.atDay(1))
			.param("last", last.atDay(1))
			.param("zone", zone)
			.query(LocalDate.class)
			.list();
		if (missing.isEmpty()) {
			return;
		}
		// The bounds are plain values so the planner sees how much of the orders they
		// cover:
		// an index range for the current month, a sequential scan when every month is
		// missing.
		this.jdbc.sql("""
				insert into domain.order_month (zone, month, purchasing_customers, orders, revenue)
				select :zone, m.month, coalesce(p.customers, 0), coalesce(p.orders, 0), coalesce(p.revenue, 0)
				from unnest(cast(:months as date[])) as m (month)
				left join (
					select cast(date_trunc('month', o.ordered_at at time zone :zone) as date) as month,
						count(distinct o.customer_id) as customers, count(*) as orders, sum(o.amount) as revenue
					from domain.orders o
					where o.amount > 0
						and o.ordered_at >= cast(:from as timestamp) at time zone :zone
						and o.ordered_at < cast(:until as timestamp) at time zone :zone
					group by 1
				) p on p.month = m.month
				on conflict (zone, month) do update set purchasing_customers = excluded.purchasing_customers,
					orders = excluded.orders, revenue = excluded.revenue, computed_at = now()
				""")
			.param("zone", zone)
			.param("months", missing.stream().map(Date::valueOf).toArray(Date[]::new))
			.param("from", missing.get(0))
			.param("until", missing.get(missing.size() - 1).plusMonths(1))
			.update();
	}

}
