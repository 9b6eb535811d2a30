package io.mawasu.crm.domain.order;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import io.mawasu.crm.domain.customer.ShopProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Set-based reads over orders for the KPI pages.
 */
@Service
@Transactional(readOnly = true)
public class OrderQueries {

	private final JdbcClient jdbc;

	private final ShopProperties shop;

	OrderQueries(JdbcClient jdbc, ShopProperties shop) {
		this.jdbc = jdbc;
		this.shop = shop;
	}

	/**
	 * The purchase KPIs of the last {@code months} calendar months in the shop's time
	 * zone, the current month included, oldest first.
	 * @see #monthlyKpis(YearMonth, int)
	 */
	public List<MonthlyKpi> monthlyKpis(int months) {
		return monthlyKpis(YearMonth.now(this.shop.timeZone()), months);
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
	 */
	public List<MonthlyKpi> monthlyKpis(YearMonth last, int months) {
		YearMonth first = last.minusMonths(Math.max(1, months) - 1L);
		LocalDate from = first.atDay(1);
		LocalDate until = last.plusMonths(1).atDay(1);
		return this.jdbc.sql("""
				with month as (
					select cast(m as date) as month
					from generate_series(cast(:from as date), cast(:last as date), interval '1 month') as m
				),
				purchase as (
					select cast(date_trunc('month', o.ordered_at at time zone :zone) as date) as month,
						count(distinct o.customer_id) as customers, count(*) as orders, sum(o.amount) as revenue
					from domain.orders o
					where o.amount > 0
						and o.ordered_at >= cast(:from as timestamp) at time zone :zone
						and o.ordered_at < cast(:until as timestamp) at time zone :zone
					group by 1
				)
				select m.month, coalesce(p.customers, 0) as customers, coalesce(p.orders, 0) as orders,
					coalesce(p.revenue, 0) as revenue,
					round(p.revenue / p.orders, 2) as average_order_value,
					round(cast(p.orders as numeric) / p.customers, 2) as purchase_frequency
				from month m
				left join purchase p on p.month = m.month
				order by m.month
				""")
			.param("from", from)
			.param("last", last.atDay(1))
			.param("until", until)
			.param("zone", this.shop.timeZone().getId())
			.query((rs, n) -> new MonthlyKpi(YearMonth.from(rs.getObject("month", LocalDate.class)),
					rs.getLong("customers"), rs.getLong("orders"), rs.getBigDecimal("revenue"),
					rs.getBigDecimal("average_order_value"), rs.getBigDecimal("purchase_frequency")))
			.list();
	}

}
