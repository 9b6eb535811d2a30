package io.mawasu.crm.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import io.mawasu.crm.SegmentationTestApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The analyses on small datasets worked out by hand (shop zone Asia/Tokyo).
 */
@SpringBootTest(classes = SegmentationTestApplication.class)
class AnalysesIntegrationTests {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Autowired
	Analyses analyses;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void emptyOrders() {
		this.jdbc.sql("truncate domain.orders, domain.customer cascade").update();
	}

	@Test
	void decilesSplitPositiveSpendersIntoTenEqualGroups() {
		for (int i = 1; i <= 20; i++) {
			long customer = customer("d%02d".formatted(i));
			order(customer, noonIn(LocalDate.of(2025, 6, 15)), i * 100, null, null);
		}
		long cancelled = customer("d-cancelled");
		order(cancelled, noonIn(LocalDate.of(2025, 3, 1)), 500, null, null);
		order(cancelled, noonIn(LocalDate.of(2025, 3, 2)), -500, null, null);
		long outside = customer("d-outside");
		// 2025-12-31 23:00 UTC is already 2026-01-01 in Tokyo, after the period.
		order(outside, OffsetDateTime.of(2025, 12, 31, 23, 0, 0, 0, ZoneOffset.UTC), 99_999, null, null);
		order(outside, OffsetDateTime.of(2024, 12, 31, 23, 30, 0, 0, ZoneOffset.ofHours(9)), 99_999, null, null);

		DecileAnalysis result = this.analyses.decile(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));

		assertThat(result.customers()).isEqualTo(20);
		assertThat(result.revenue()).isEqualByComparingTo("21000");
		assertThat(result.deciles()).hasSize(10).allSatisfy((d) -> assertThat(d.customers()).isEqualTo(2));
		DecileAnalysis.Decile top = result.deciles().get(0);
		assertThat(top.decile()).isEqualTo(1);
		assertThat(top.revenue()).isEqualByComparingTo("3900");
		assertThat(top.share()).isCloseTo(3900.0 / 21000, within(1e-9));
		assertThat(top.averageSpend()).isEqualByComparingTo("1950");
		assertThat(top.minSpend()).isEqualByComparingTo("1900");
		assertThat(top.maxSpend()).isEqualByComparingTo("2000");
		assertThat(result.deciles().get(4).revenue()).isEqualByComparingTo("2300");
		assertThat(result.deciles().get(4).cumulativeShare()).isCloseTo(15500.0 / 21000, within(1e-9));
		assertThat(result.deciles().get(9).revenue()).isEqualByComparingTo("300");
		assertThat(result.deciles().get(9).cumulativeShare()).isCloseTo(1.0, within(1e-9));
		assertThat(result.deciles().stream().mapToDouble(DecileAnalysis.Decile::share).sum()).isCloseTo(1.0,
				within(1e-9));
	}

	@Test
	void decilesDefaultToTheLastTwelveMonths() {
		long recent = customer("d-recent");
		order(recent, OffsetDateTime.now().minusDays(3), 1000, null, null);
		long old = customer("d-old");
		order(old, OffsetDateTime.now().minusMonths(13), 5000, null, null);

		DecileAnalysis result = this.analyses.decile(null, null);

		assertThat(result.to()).isEqualTo(LocalDate.now(TOKYO));
		assertThat(result.from()).isEqualTo(LocalDate.now(TOKYO).minusYears(1).plusDays(1));
		assertThat(result.customers()).isEqualTo(1);
		assertThat(result.revenue()).isEqualByComparingTo("1000");
	}

	@Test
	void paretoClassesFollowTheCutPoints() {
		paretoData();

		ParetoAnalysis byCategory = this.analyses.pareto(ParetoBy.CATEGORY, LocalDate.of(2025, 1, 1),
				LocalDate.of(2025, 12, 31), 70, 90, 2);

		assertThat(byCategory.items()).isEqualTo(4);
		assertThat(byCategory.revenue()).isEqualByComparingTo("1000");
		assertThat(byCategory.classes()).extracting(ParetoAnalysis.AbcClass::abcClass).containsExactly("A", "B", "C");
		assertThat(byCategory.classes()).extracting(ParetoAnalysis.AbcClass::items).containsExactly(1L, 1L, 2L);
		assertThat(byCategory.classes()).extracting((c) -> c.revenue().intValue()).containsExactly(700, 200, 100);
		assertThat(byCategory.classes().get(0).share()).isCloseTo(0.7, within(1e-9));
		assertThat(byCategory.classes().get(2).itemShare()).isCloseTo(0.5, within(1e-9));
		assertThat(byCategory.top()).extracting(ParetoAnalysis.Item::key).containsExactly("X", "Y");
		assertThat(byCategory.top().get(1).cumulativeShare()).isCloseTo(0.9, within(1e-9));
		assertThat(byCategory.curve()).extracting(ParetoAnalysis.Point::label).containsExactly("X", "Y", "Z", "W");
		assertThat(byCategory.curve().get(2).cumulativeShare()).isCloseTo(0.96, within(1e-9));

		ParetoAnalysis byCustomer = this.analyses.pareto(ParetoBy.CUSTOMER, LocalDate.of(2025, 1, 1),
				LocalDate.of(2025, 12, 31), 70, 90, 10);
		assertThat(byCustomer.top()).extracting(ParetoAnalysis.Item::key).containsExactly("p1", "p2", "p3", "p4");
		assertThat(byCustomer.top()).extracting(ParetoAnalysis.Item::abcClass).containsExactly("A", "A", "B", "C");

		ParetoAnalysis strict = this.analyses.pareto(ParetoBy.CUSTOMER, LocalDate.of(2025, 1, 1),
				LocalDate.of(2025, 12, 31), 30, 60, 10);
		assertThat(strict.top()).extracting(ParetoAnalysis.Item::abcClass).containsExactly("A", "B", "C", "C");

		ParetoAnalysis byBrand = this.analyses.pareto(ParetoBy.BRAND, LocalDate.of(2025, 1, 1),
				LocalDate.of(2025, 12, 31), 70, 90, 10);
		assertThat(byBrand.top()).extracting(ParetoAnalysis.Item::key).containsExactly("b1", null);
		assertThat(byBrand.top()).extracting((i) -> i.revenue().intValue()).containsExactly(700, 300);
	}

	@Test
	void paretoBucketsLongRankingsIntoPercentiles() {
		for (int i = 1; i <= 250; i++) {
			order(customer("q%03d".formatted(i)), noonIn(LocalDate.of(2025, 5, 1)), i, null, null);
		}

		ParetoAnalysis result = this.analyses.pareto(ParetoBy.CUSTOMER, LocalDate.of(2025, 1, 1),
				LocalDate.of(2025, 12, 31), 70, 90, 5);

		assertThat(result.items()).isEqualTo(250);
		assertThat(result.curve()).hasSize(100);
		assertThat(result.curve().get(0).label()).isEqualTo("1%");
		assertThat(result.curve().get(99).rank()).isEqualTo(250);
		assertThat(result.curve().get(99).cumulativeShare()).isCloseTo(1.0, within(1e-9));
		assertThat(result.top()).hasSize(5).first().satisfies((i) -> assertThat(i.key()).isEqualTo("q250"));
	}

	@Test
	void rejectsBadParameters() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.analyses.pareto(ParetoBy.CUSTOMER, null, null, 90, 70, 10))
			.withMessageContaining("0 < a < b <= 100");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.analyses.decile(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 1, 1)))
			.withMessageContaining("starts after it ends");
		assertThatIllegalArgumentException().isThrownBy(() -> ParetoBy.of("shop"))
			.withMessageContaining("customer, category, brand");
		assertThat(ParetoBy.of("Category")).isEqualTo(ParetoBy.CATEGORY);
	}

	@Test
	void f2SharesAndMedianByCohort() {
		cohortData();

		F2Analysis result = this.analyses.f2(null, null);

		assertThat(result.cohorts()).extracting(F2Analysis.Cohort::cohort).containsExactly("2024-01", "2024-02");
		F2Analysis.Cohort january = result.cohorts().get(0);
		assertThat(january.customers()).isEqualTo(5);
		assertThat(List.of(january.within30(), january.within60(), january.within90(), january.within180(),
				january.repeaters()))
			.containsExactly(1L, 2L, 2L, 3L, 4L);
		assertThat(january.share30()).isCloseTo(0.2, within(1e-9));
		assertThat(january.share60()).isCloseTo(0.4, within(1e-9));
		assertThat(january.share90()).isCloseTo(0.4, within(1e-9));
		assertThat(january.share180()).isCloseTo(0.6, within(1e-9));
		assertThat(january.repeatShare()).isCloseTo(0.8, within(1e-9));
		assertThat(january.medianDaysToSecond()).isEqualTo(98.5);
		F2Analysis.Cohort february = result.cohorts().get(1);
		assertThat(february.customers()).isEqualTo(2);
		assertThat(february.within30()).isEqualTo(1);
		assertThat(february.share30()).isCloseTo(0.5, within(1e-9));
		assertThat(february.medianDaysToSecond()).isEqualTo(30.0);
		assertThat(result.total().cohort()).isNull();
		assertThat(result.total().customers()).isEqualTo(7);
		assertThat(result.total().within30()).isEqualTo(2);
		assertThat(result.total().medianDaysToSecond()).isEqualTo(49.0);

		F2Analysis february2024 = this.analyses.f2(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29));
		assertThat(february2024.cohorts()).extracting(F2Analysis.Cohort::cohort).containsExactly("2024-02");
		assertThat(february2024.total().customers()).isEqualTo(2);
	}

	@Test
	void retentionSharesByCohortMonth() {
		cohortData();

		RetentionAnalysis result = this.analyses.retention(null, null);

		assertThat(result.months()).isEqualTo(12);
		assertThat(result.cohorts()).hasSize(2);
		RetentionAnalysis.Cohort january = result.cohorts().get(0);
		assertThat(january.cohort()).isEqualTo("2024-01");
		assertThat(january.customers()).isEqualTo(5);
		assertThat(january.repeaters()).isEqualTo(4);
		assertThat(january.retained()).containsExactly(0L, 1L, 0L, 0L, 1L, 0L, 0L, 1L, null, null, null, null);
		assertThat(january.shares().get(1)).isCloseTo(0.2, within(1e-9));
		RetentionAnalysis.Cohort february = result.cohorts().get(1);
		assertThat(february.customers()).isEqualTo(2);
		assertThat(february.repeatShare()).isCloseTo(0.5, within(1e-9));
		assertThat(february.shares())
			.isEqualTo(Arrays.asList(0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, null, null, null, null, null));
	}

	@Test
	void emptyDataGivesEmptyAnalyses() {
		assertThat(this.analyses.decile(null, null).deciles()).isEmpty();
		assertThat(this.analyses.pareto(ParetoBy.CATEGORY, null, null, 70, 90, 10).classes())
			.allSatisfy((c) -> assertThat(c.items()).isZero());
		assertThat(this.analyses.f2(null, null).total().customers()).isZero();
		assertThat(this.analyses.retention(null, null).cohorts()).isEmpty();
	}

	/**
	 * Categories X 700, Y 200, Z 60, W 40 (V nets to zero); customers p1 400 … p4 100.
	 */
	private void paretoData() {
		long p1 = customer("p1");
		long p2 = customer("p2");
		long p3 = customer("p3");
		long p4 = customer("p4");
		LocalDate day = LocalDate.of(2025, 4, 1);
		order(p1, noonIn(day), 400, "X", "b1");
		order(p2, noonIn(day), 300, "X", "b1");
		order(p3, noonIn(day), 250, "Y", null);
		order(p3, noonIn(day.plusDays(1)), -50, "Y", null);
		order(p4, noonIn(day), 60, "Z", null);
		order(p4, noonIn(day), 40, "W", null);
		order(p4, noonIn(day), 30, "V", null);
		order(p4, noonIn(day.plusDays(2)), -30, "V", null);
		order(p1, noonIn(LocalDate.of(2024, 4, 1)), 10_000, "W", "b2");
	}

	/**
	 * Cohort 2024-01: a (2nd after 15 days), b (49), c (148), d (none; a return does not
	 * count), e (244). Cohort 2024-02: f (first order on Feb 1 in Tokyo, Jan 31 in UTC;
	 * 2nd after 30 days), g (an earlier return, then one order).
	 */
	private void cohortData() {
		long a = customer("a");
		order(a, noonIn(LocalDate.of(2024, 1, 10)), 100, null, null);
		order(a, noonIn(LocalDate.of(2024, 1, 25)), 100, null, null);
		long b = customer("b");
		order(b, noonIn(LocalDate.of(2024, 1, 31)), 100, null, null);
		order(b, noonIn(LocalDate.of(2024, 3, 20)), 100, null, null);
		long c = customer("c");
		order(c, noonIn(LocalDate.of(2024, 1, 5)), 100, null, null);
		order(c, noonIn(LocalDate.of(2024, 6, 1)), 100, null, null);
		long d = customer("d");
		order(d, noonIn(LocalDate.of(2024, 1, 20)), 100, null, null);
		order(d, noonIn(LocalDate.of(2024, 1, 22)), -100, null, null);
		long e = customer("e");
		order(e, OffsetDateTime.of(2024, 1, 15, 23, 30, 0, 0, ZoneOffset.ofHours(9)), 100, null, null);
		order(e, noonIn(LocalDate.of(2024, 9, 15)), 100, null, null);
		long f = customer("f");
		order(f, OffsetDateTime.of(2024, 1, 31, 20, 0, 0, 0, ZoneOffset.UTC), 100, null, null);
		order(f, OffsetDateTime.of(LocalDateTime.of(2024, 3, 2, 0, 0), ZoneOffset.ofHours(9)), 100, null, null);
		long g = customer("g");
		order(g, noonIn(LocalDate.of(2024, 1, 2)), -100, null, null);
		order(g, noonIn(LocalDate.of(2024, 2, 10)), 100, null, null);
	}

	private static OffsetDateTime noonIn(LocalDate day) {
		return day.atTime(12, 0).atZone(TOKYO).toOffsetDateTime();
	}

	private long customer(String externalId) {
		return this.jdbc.sql("insert into domain.customer (external_id, name) values (:id, :id) returning id")
			.param("id", externalId)
			.query(Long.class)
			.single();
	}

	private int orders;

	private void order(long customer, OffsetDateTime at, long amount, @Nullable String category,
			@Nullable String brand) {
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount, category, brand)
				values (:id, :customer, :at, :amount, :category, :brand)
				""")
			.param("id", "analyses-o" + (++this.orders))
			.param("customer", customer)
			.param("at", at)
			.param("amount", BigDecimal.valueOf(amount))
			.param("category", category)
			.param("brand", brand)
			.update();
	}

}
