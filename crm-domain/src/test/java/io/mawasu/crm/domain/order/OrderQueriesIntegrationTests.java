package io.mawasu.crm.domain.order;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Monthly KPIs against a small dataset worked out by hand. The shop's zone is Asia/Tokyo
 * (UTC+9), so an order at 15:00 UTC on the last day of a month belongs to the next month.
 */
@SpringBootTest
class OrderQueriesIntegrationTests {

	@Autowired
	OrderQueries queries;

	@Autowired
	JdbcClient jdbc;

	private int sequence;

	@BeforeEach
	void onlyTheseOrders() {
		this.jdbc.sql("truncate domain.customer cascade").update();
		for (String customer : List.of("A", "B", "C", "D", "E")) {
			this.jdbc.sql("insert into domain.customer (external_id) values (:id)")
				.param("id", "kpi-" + customer)
				.update();
		}
		order("A", "2025-12-31T14:59:59Z", "9999"); // 2025-12-31 23:59:59 JST: before the
													// range
		order("A", "2026-01-10T03:00:00Z", "1000");
		order("B", "2026-01-20T00:00:00Z", "2000");
		order("B", "2026-01-25T00:00:00Z", "-500"); // a return: not a purchase
		order("A", "2026-01-31T15:30:00Z", "3000"); // 2026-02-01 00:30 JST: February
		order("A", "2026-02-10T00:00:00Z", "5000");
		order("B", "2026-02-28T14:59:59Z", "1000"); // 2026-02-28 23:59:59 JST: February
		order("C", "2026-02-28T15:00:00Z", "4000"); // 2026-03-01 00:00 JST: March
		order("D", "2026-03-05T00:00:00Z", "1000");
		order("D", "2026-03-06T00:00:00Z", "2000");
		order("E", "2026-03-07T00:00:00Z", "3000");
		order("A", "2026-03-08T00:00:00Z", "0"); // a zero-amount correction: not a
													// purchase
		order("E", "2026-04-30T15:00:00Z", "7777"); // 2026-05-01 00:00 JST: after the
													// range
	}

	@Test
	void monthlyKpisPerCalendarMonthInTheShopZone() {
		List<MonthlyKpi> kpis = this.queries.monthlyKpis(YearMonth.of(2026, 4), 4);

		assertThat(kpis).extracting(MonthlyKpi::month)
			.containsExactly(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3),
					YearMonth.of(2026, 4));
		// January: A 1000, B 2000 -> 2 customers, 2 orders, 3000 / 2 = 1500, 2 / 2 = 1
		assertKpi(kpis.get(0), 2, 2, "3000", "1500.00", "1.00");
		// February: A 3000 + 5000, B 1000 -> 2 customers, 3 orders, 9000 / 3 = 3000, 3 /
		// 2 = 1.5
		assertKpi(kpis.get(1), 2, 3, "9000", "3000.00", "1.50");
		// March: C 4000, D 1000 + 2000, E 3000 -> 3 customers, 4 orders, 10000 / 4 =
		// 2500, 4 / 3 = 1.33
		assertKpi(kpis.get(2), 3, 4, "10000", "2500.00", "1.33");
		// April: nothing
		assertThat(kpis.get(3).purchasingCustomers()).isZero();
		assertThat(kpis.get(3).orders()).isZero();
		assertThat(kpis.get(3).revenue()).isEqualByComparingTo("0");
		assertThat(kpis.get(3).averageOrderValue()).isNull();
		assertThat(kpis.get(3).purchaseFrequency()).isNull();
	}

	@Test
	void changedOrdersAreCountedAgainOnTheNextRead() {
		this.queries.monthlyKpis(YearMonth.of(2026, 4), 4);
		assertThat(this.jdbc.sql("select count(*) from domain.order_month").query(Long.class).single())
			.as("the rollup holds the months read")
			.isGreaterThanOrEqualTo(4);

		order("C", "2026-01-31T14:00:00Z", "6000"); // 2026-01-31 23:00 JST: January
		this.jdbc.sql("update domain.orders set amount = 8000 where external_id = 'kpi-order-6'").update();
		this.jdbc.sql("delete from domain.orders where external_id = 'kpi-order-11'").update();
		List<MonthlyKpi> kpis = this.queries.monthlyKpis(YearMonth.of(2026, 4), 4);

		// January: A 1000, B 2000, C 6000 -> 3 customers, 3 orders, 9000 / 3 = 3000, 3 /
		// 3 = 1
		assertKpi(kpis.get(0), 3, 3, "9000", "3000.00", "1.00");
		// February: A 3000 + 8000, B 1000 -> 2 customers, 3 orders, 12000 / 3 = 4000, 1.5
		assertKpi(kpis.get(1), 2, 3, "12000", "4000.00", "1.50");
		// March: C 4000, D 1000 + 2000 -> 2 customers, 3 orders, 7000 / 3 = 2333.33, 1.5
		assertKpi(kpis.get(2), 2, 3, "7000", "2333.33", "1.50");
	}

	@Test
	void truncatedOrdersLeaveNoMonths() {
		this.queries.monthlyKpis(YearMonth.of(2026, 4), 4);

		this.jdbc.sql("truncate domain.customer cascade").update();

		assertThat(this.queries.monthlyKpis(YearMonth.of(2026, 4), 4)).allSatisfy((kpi) -> {
			assertThat(kpi.orders()).isZero();
			assertThat(kpi.purchasingCustomers()).isZero();
		});
	}

	@Test
	void lastMonthsEndWithTheCurrentMonth() {
		List<MonthlyKpi> kpis = this.queries.monthlyKpis(24);

		assertThat(kpis).hasSize(24);
		assertThat(kpis.get(23).month()).isEqualTo(YearMonth.now(ZoneId.of("Asia/Tokyo")));
		assertThat(kpis.get(0).month()).isEqualTo(kpis.get(23).month().minusMonths(23));
	}

	private void assertKpi(MonthlyKpi kpi, long customers, long orders, String revenue, String averageOrderValue,
			String frequency) {
		assertThat(kpi.purchasingCustomers()).isEqualTo(customers);
		assertThat(kpi.orders()).isEqualTo(orders);
		assertThat(kpi.revenue()).isEqualByComparingTo(revenue);
		assertThat(kpi.averageOrderValue()).isEqualTo(new BigDecimal(averageOrderValue));
		assertThat(kpi.purchaseFrequency()).isEqualTo(new BigDecimal(frequency));
	}

	private void order(String customer, String orderedAt, String amount) {
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount)
				select :externalId, id, cast(:orderedAt as timestamptz), cast(:amount as numeric)
				from domain.customer where external_id = :customer
				""")
			.param("externalId", "kpi-order-" + (++this.sequence))
			.param("orderedAt", orderedAt)
			.param("amount", amount)
			.param("customer", "kpi-" + customer)
			.update();
	}

}
