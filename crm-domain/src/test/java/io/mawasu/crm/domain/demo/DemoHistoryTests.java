package io.mawasu.crm.domain.demo;

import java.time.LocalDate;
import java.util.List;

import io.mawasu.crm.DomainTestApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated history stays plausible up to its last day: the newest cohorts come back
 * no faster than older ones, and the last full month is no spike (both failed when a
 * recent repeater's extra orders were rounded up into the few days since registration and
 * when days warped past the end were put back on the last weeks).
 */
@SpringBootTest(classes = DomainTestApplication.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoHistoryTests {

	static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

	@Autowired
	DemoData demo;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	void generate() {
		this.jdbc.sql("truncate domain.customer, domain.suppression cascade").update();
		this.demo.generate(20_000, 3.0, 1, TODAY);
	}

	@Test
	void theNewestCohortsComeBackWithinThirtyDaysLikeOlderOnes() {
		List<Double> rates = this.jdbc.sql("""
				with first as (
					select customer_id, min((ordered_at at time zone 'Asia/Tokyo')::date) as day
					from domain.orders where amount > 0 group by customer_id
				), second as (
					select f.customer_id, min((o.ordered_at at time zone 'Asia/Tokyo')::date) as day
					from first f join domain.orders o on o.customer_id = f.customer_id and o.amount > 0
						and (o.ordered_at at time zone 'Asia/Tokyo')::date > f.day
					group by f.customer_id
				)
				select count(s.day) filter (where s.day <= f.day + 30)::float8 / count(*)
				from first f left join second s using (customer_id)
				where f.day >= date '2025-11-01' and f.day < date '2026-11-01'
				group by date_trunc('month', f.day) order by date_trunc('month', f.day)
				""").query(Double.class).list();
		assertThat(rates).hasSize(12);
		double older = rates.subList(0, 11).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		assertThat(older).isBetween(0.02, 0.15);
		assertThat(rates.get(11)).as("F2 within 30 days of the last full cohort").isLessThan(2 * older);
	}

	@Test
	void theLastFullMonthIsNoSpike() {
		double november = orders("2026-11-01", "2026-12-01") / (double) orders("2025-11-01", "2025-12-01");
		double october = orders("2026-10-01", "2026-11-01") / (double) orders("2025-10-01", "2025-11-01");
		assertThat(november).as("growth of November over a year").isLessThan(1.2 * october);
		long lastDayFirsts = this.jdbc.sql("""
				select count(*) from domain.customer_summary
				where first_ordered_at >= timestamptz '2026-12-01 00:00+09'
				""").query(Long.class).single();
		long newBuyersNovember = this.jdbc
			.sql("""
					select count(*) from domain.customer_summary
					where first_ordered_at >= timestamptz '2026-11-01 00:00+09' and first_ordered_at < timestamptz '2026-12-01 00:00+09'
					""")
			.query(Long.class)
			.single();
		assertThat(lastDayFirsts).as("first purchases on the last day").isLessThan(3 * newBuyersNovember / 30);
	}

	private long orders(String from, String until) {
		return this.jdbc.sql("""
				select count(*) from domain.orders
				where ordered_at >= cast(:from as date) at time zone 'Asia/Tokyo'
					and ordered_at < cast(:until as date) at time zone 'Asia/Tokyo'
				""").param("from", from).param("until", until).query(Long.class).single();
	}

}
