package io.mawasu.crm.domain.demo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;

import io.mawasu.crm.DomainTestApplication;
import io.mawasu.crm.domain.demo.DemoVocabulary.Place;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

@SpringBootTest(classes = DomainTestApplication.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataTests {

	static final int CUSTOMERS = 2_000;

	static final long SEED = 7;

	static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

	@Autowired
	DemoData demo;

	@Autowired
	JdbcClient jdbc;

	DemoData.Dataset dataset;

	@BeforeAll
	void generate() {
		truncate();
		this.dataset = this.demo.generate(CUSTOMERS, 3.0, SEED, TODAY);
	}

	@Test
	void fillsCustomersOrdersAndConsents() {
		assertThat(this.dataset.customers()).isEqualTo(CUSTOMERS);
		assertThat(count("select count(*) from domain.customer")).isEqualTo(CUSTOMERS);
		assertThat(this.dataset.orders()).isEqualTo(count("select count(*) from domain.orders"))
			.isBetween(4_500L, 7_500L);
		assertThat(count("select count(*) from domain.customer where name ~ '^\\S+ \\S+$'")).isEqualTo(CUSTOMERS);
		assertThat(count("select count(*) from domain.customer where phone !~ '^0[789]0-\\d{4}-\\d{4}$'")).isZero();
		assertThat(count("select count(*) from domain.customer where email not like '%@%example.%'")).isZero();
		assertThat(count("select count(*) from domain.customer where blacklisted")).isPositive().isLessThan(30);
		assertThat(count("select count(*) from domain.customer where cardinality(tags) > 0"))
			.isGreaterThan(CUSTOMERS / 2);
	}

	@Test
	void agesAreBetween18And80AndRegistrationWithinThreeYears() {
		assertThat(count("""
				select count(*) from domain.customer
				where extract(year from age(date '2026-11-23', birth_date)) not between 18 and 80
				""")).isZero();
		assertThat(count("""
				select count(*) from domain.customer
				where registered_at < timestamptz '2023-11-22' or registered_at >= timestamptz '2026-11-23 00:00+09'
				""")).isZero();
	}

	@Test
	void prefecturesFollowThePopulation() {
		Map<String, Long> byPrefecture = this.jdbc
			.sql("select prefecture, count(*) from domain.customer group by prefecture")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(byPrefecture.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey())
			.isEqualTo("東京都");
		assertThat(byPrefecture.get("東京都") / (double) CUSTOMERS).isCloseTo(0.11, within(0.02));
		assertThat(byPrefecture.get("大阪府") / (double) CUSTOMERS).isCloseTo(0.07, within(0.015));
		assertThat(byPrefecture.size()).isGreaterThan(40);
	}

	@Test
	void weightsCoverAll47PrefecturesLikeTheCensus() {
		int[] buckets = DemoVocabulary.buckets(DemoVocabulary.places(), Place::weight, DemoVocabulary.PLACE_BUCKETS);
		Map<String, Long> share = java.util.Arrays.stream(buckets)
			.mapToObj((index) -> DemoVocabulary.places().get(index - 1).prefecture())
			.collect(Collectors.groupingBy((name) -> name, Collectors.counting()));
		assertThat(share).hasSize(47);
		assertThat(share.get("東京都") / 10_000.0).isCloseTo(0.111, within(0.002));
		assertThat(share.get("神奈川県") / 10_000.0).isCloseTo(0.073, within(0.002));
		assertThat(share.get("鳥取県") / 10_000.0).isCloseTo(0.0044, within(0.0005));
	}

	@Test
	void ordersHaveARealisticRepeatPattern() {
		long buyers = count("select count(*) from domain.customer_summary");
		long oneTime = count("select count(*) from domain.customer_summary where order_count = 1");
		long twice = count("select count(*) from domain.customer_summary where order_count >= 2");
		long thrice = count("select count(*) from domain.customer_summary where order_count >= 3");
		assertThat(oneTime / (double) buyers).isBetween(0.45, 0.75);
		assertThat(count("select count(*) from domain.customer_summary where order_count >= 10")).isPositive();
		assertThat(thrice / (double) twice).as("F3 / F2 retention exceeds F2 / F1")
			.isGreaterThan(twice / (double) buyers);
		assertThat(buyers).isLessThan(CUSTOMERS);
	}

	@Test
	void ordersSpanThreeYearsWithSeasonalPeaks() {
		OffsetDateTime first = this.jdbc.sql("select min(ordered_at) from domain.orders")
			.query(OffsetDateTime.class)
			.single();
		OffsetDateTime last = this.jdbc.sql("select max(ordered_at) from domain.orders")
			.query(OffsetDateTime.class)
			.single();
		assertThat(first.toLocalDate()).isBefore(TODAY.minusYears(3).plusMonths(2));
		assertThat(last.atZoneSameInstant(ZoneId.of("Asia/Tokyo")).toLocalDate()).isAfter(TODAY.minusDays(8))
			.isBefore(TODAY);
		long december = count("""
				select count(*) from domain.orders
				where ordered_at >= timestamptz '2025-12-01 00:00+09' and ordered_at < timestamptz '2026-01-01 00:00+09'
				""");
		long october = count("""
				select count(*) from domain.orders
				where ordered_at >= timestamptz '2025-10-01 00:00+09' and ordered_at < timestamptz '2025-11-01 00:00+09'
				""");
		assertThat(december).isGreaterThan(october * 3 / 2);
		assertThat(count("select count(*) from domain.orders where amount < 0")).isPositive();
		assertThat(count("select count(*) from domain.orders where amount < list_price * quantity and amount > 0"))
			.isPositive();
		assertThat(count("select count(distinct brand) from domain.orders where brand like 'MAWASU%'")).isPositive();
		assertThat(count("select count(distinct category) from domain.orders")).isGreaterThanOrEqualTo(8);
	}

	@Test
	void consentsHaveOptOutsAndHistory() {
		Map<String, Long> optIns = this.jdbc
			.sql("select channel, count(*) from domain.consent where status = 'OPT_IN' group by channel")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(optIns.get("EMAIL")).isGreaterThan(optIns.get("LINE"));
		assertThat(optIns.get("LINE")).isGreaterThan(optIns.get("SMS"));
		assertThat(count("select count(*) from domain.consent where status = 'OPT_OUT'")).isPositive();
		assertThat(count("select count(*) from domain.consent_history"))
			.isEqualTo(count("select count(*) + count(*) filter (where status = 'OPT_OUT') from domain.consent"));
		assertThat(count("select count(*) from domain.suppression")).isPositive();
	}

	@Test
	void summaryMatchesTheOrders() {
		assertThat(count("""
				select count(*) from (
					select customer_id, min(ordered_at) as f, max(ordered_at) as l,
						max(ordered_at) filter (where amount > 0) as lp, count(*) as n,
						count(*) filter (where amount > 0) as np, sum(amount) as total,
						(select o2.ordered_at from domain.orders o2 where o2.customer_id = o.customer_id
							order by o2.ordered_at offset 1 limit 1) as second
					from domain.orders o group by customer_id
				) a
				full join domain.customer_summary s on s.customer_id = a.customer_id
				where s.customer_id is null or a.customer_id is null or s.first_ordered_at <> a.f
					or s.last_ordered_at <> a.l or s.last_positive_ordered_at is distinct from a.lp
					or s.order_count <> a.n or s.positive_order_count <> a.np or s.total_spent <> a.total
					or s.second_ordered_at is distinct from a.second
				""")).isZero();
	}

	@Test
	void refusesANonEmptyDatabase() {
		assertThatIllegalStateException().isThrownBy(() -> this.demo.generate(10, 1.0, SEED, TODAY));
	}

	@Test
	void theSameSeedGivesTheSameData() {
		String first = checksum();
		truncate();
		this.demo.generate(CUSTOMERS, 3.0, SEED, TODAY);
		assertThat(checksum()).isEqualTo(first);
		truncate();
		this.demo.generate(CUSTOMERS, 3.0, SEED + 1, TODAY);
		assertThat(checksum()).isNotEqualTo(first);
		truncate();
		this.demo.generate(CUSTOMERS, 3.0, SEED, TODAY);
	}

	@Test
	void calibratesTheMeanOrderCount() {
		for (double mean : new double[] { 1.5, 3, 10 }) {
			assertThat(PurchaseFrequency.calibrate(mean).expectedOrdersPerCustomer()).isCloseTo(mean, within(0.01));
		}
	}

	private String checksum() {
		return this.jdbc
			.sql("""
					select md5(
						(select string_agg(concat_ws('|', external_id, name, email, phone, line_user_id, gender, birth_date,
							prefecture, city, tags::text, registered_at, blacklisted), ',' order by external_id)
							from domain.customer)
						|| (select string_agg(concat_ws('|', o.external_id, c.external_id, o.ordered_at, o.amount, o.category,
							o.brand, o.quantity, o.list_price), ',' order by o.external_id)
							from domain.orders o join domain.customer c on c.id = o.customer_id)
						|| (select string_agg(concat_ws('|', c.external_id, k.channel, k.status, k.changed_at, k.source), ','
							order by c.external_id, k.channel)
							from domain.consent k join domain.customer c on c.id = k.customer_id))
					""")
			.query(String.class)
			.single();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private void truncate() {
		this.jdbc.sql("truncate domain.customer, domain.suppression cascade").update();
	}

}
