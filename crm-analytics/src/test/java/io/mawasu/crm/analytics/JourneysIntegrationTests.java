package io.mawasu.crm.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import io.mawasu.crm.AnalyticsTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.analytics.journey.JourneyQueries;
import io.mawasu.crm.domain.customer.CustomerEngagements;
import io.mawasu.crm.segmentation.JourneyProperties;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.mawasu.crm.segmentation.JourneyStage.FIRST;
import static io.mawasu.crm.segmentation.JourneyStage.REGISTERED;
import static io.mawasu.crm.segmentation.JourneyStage.REGULAR;
import static io.mawasu.crm.segmentation.JourneyStage.REPEAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The journey on a small history whose every answer is worked out by hand (default rule:
 * regular from 4 purchases, recent 30 days, lapsing 180, engagement 90; shop zone
 * Asia/Tokyo; today 2026-06-30). On 2026-03-31 (D1) and today (D2):
 * <ul>
 * <li>A: purchases 2025-02-01, 2026-03-20, then 2026-05-01, 2026-06-25; opened
 * 2026-03-01. D1 REPEAT at 4 (bought 11 days before, opened), D2 REGULAR at 3 (bought 5
 * days before, the open is 121 days old): along and down.</li>
 * <li>B: purchase 2025-12-01, clicked 2026-06-10. D1 FIRST at 2 (120 days), D2 FIRST at 2
 * (211 days: R 0, but engaged): same.</li>
 * <li>C: registered 2024, purchase 2026-06-01, opened 2026-06-15. D1 REGISTERED at 1, D2
 * FIRST at 4: along and up.</li>
 * <li>D: registered 2026-05-01. Off the map at D1, D2 REGISTERED at 1: entered.</li>
 * <li>E: registered tomorrow: on no map.</li>
 * <li>F: 3000 on 2026-02-01 returned (-3000) on 2026-02-05, an unsubscribe (no
 * engagement) on 2026-03-10. FIRST at 2 on both days (58 and 149 days).</li>
 * <li>G: no registration date, first order 2026-04-15: off the map at D1, D2 FIRST at 2
 * (76 days): entered.</li>
 * </ul>
 */
@SpringBootTest(classes = AnalyticsTestApplication.class,
		properties = { "crm.scenario.engine.enabled=false", "crm.delivery.worker.enabled=false",
				"crm.analytics.rollup-enabled=false" })
@Import(JourneysIntegrationTests.Time.class)
class JourneysIntegrationTests {

	static final LocalDate D1 = LocalDate.of(2026, 3, 31);

	static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		MutableClock clock() {
			// 12:00 in Tokyo
			return new MutableClock(Instant.parse("2026-06-30T03:00:00Z"));
		}

	}

	@Autowired
	Journeys journeys;

	@Autowired
	Segments segments;

	@Autowired
	CustomerEngagements engagements;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JourneyQueries queries;

	@BeforeEach
	void seed() {
		this.jdbc.sql("truncate domain.customer, delivery.event, delivery.message cascade").update();
		long a = customer("A", "2025-01-10");
		order(a, "2025-02-01", 1000);
		order(a, "2026-03-20", 2000);
		order(a, "2026-05-01", 1500);
		order(a, "2026-06-25", 1200);
		engage(a, "OPENED", "2026-03-01");
		long b = customer("B", "2025-06-01");
		order(b, "2025-12-01", 5000);
		engage(b, "CLICKED", "2026-06-10");
		long c = customer("C", "2024-01-01");
		order(c, "2026-06-01", 800);
		engage(c, "OPENED", "2026-06-15");
		customer("D", "2026-05-01");
		customer("E", "2026-07-01");
		long f = customer("F", "2025-01-01");
		order(f, "2026-02-01", 3000);
		order(f, "2026-02-05", -3000);
		engage(f, "UNSUBSCRIBED", "2026-03-10");
		long g = customer("G", null);
		order(g, "2026-04-15", 700);
		summarise();
	}

	@Test
	void mapsEveryoneRegisteredByTheDayByStageAndAffinity() {
		JourneyMap today = this.journeys.map(TODAY);
		assertThat(today.customers()).isEqualTo(6);
		assertThat(today.cells()).hasSize(16);
		assertThat(today.stages()).containsExactly(REGISTERED, FIRST, REPEAT, REGULAR);
		assertThat(today.levels()).containsExactly(1, 2, 3, 4);
		assertThat(today.regularPurchases()).isEqualTo(4);
		assertThat(nonEmpty(today)).containsExactlyInAnyOrder(new JourneyMap.Cell(REGISTERED, 1, 1),
				new JourneyMap.Cell(FIRST, 2, 3), new JourneyMap.Cell(FIRST, 4, 1), new JourneyMap.Cell(REGULAR, 3, 1));

		JourneyMap before = this.journeys.map(D1);
		assertThat(before.customers()).as("D and G came later, E tomorrow").isEqualTo(4);
		assertThat(nonEmpty(before)).containsExactlyInAnyOrder(new JourneyMap.Cell(REGISTERED, 1, 1),
				new JourneyMap.Cell(FIRST, 2, 2), new JourneyMap.Cell(REPEAT, 4, 1));
		assertThat(this.journeys.map(LocalDate.of(2024, 6, 1)).customers()).as("only C was registered").isEqualTo(1);
	}

	@Test
	void movesCountEachAxisOnItsOwn() {
		JourneyMoves moves = this.journeys.moves(D1, TODAY);
		assertThat(moves.up()).as("C").isEqualTo(1);
		assertThat(moves.down()).as("A").isEqualTo(1);
		assertThat(moves.along()).as("A and C").isEqualTo(2);
		assertThat(moves.same()).as("B and F").isEqualTo(2);
		assertThat(moves.entered()).as("D and G").isEqualTo(2);
		assertThat(moves.cells()).containsExactly(new JourneyMoves.Move(FIRST, 2, FIRST, 2, 2),
				new JourneyMoves.Move(REGISTERED, 1, FIRST, 4, 1), new JourneyMoves.Move(REPEAT, 4, REGULAR, 3, 1));
	}

	@Test
	void todayFromHistoryIsTodayFromTheSummary() {
		JourneyProperties rule = this.journeys.rule();
		List<JourneyQueries.StateCount> history = this.queries.map(rule.bounds(TODAY, TOKYO), rule.regularPurchases());
		List<JourneyQueries.StateCount> summary = this.queries.mapToday(rule.bounds(TODAY, TOKYO),
				rule.regularPurchases());
		assertThat(history).hasSize(4).containsExactlyInAnyOrderElementsOf(summary);
	}

	@Test
	void todaysCellsAreTheSegmentFieldsCounts() {
		JourneyMap today = this.journeys.map(TODAY);
		for (JourneyMap.Cell cell : today.cells()) {
			SegmentRule rule = SegmentRule.parse("{\"all\":[{\"field\":\"journeyStage\",\"op\":\"eq\",\"value\":\""
					+ cell.stage() + "\"},{\"field\":\"affinity\",\"op\":\"eq\",\"value\":" + cell.affinity() + "}]}");
			assertThat(this.segments.count(rule).size()).as(cell.stage() + " " + cell.affinity())
				.isEqualTo(cell.customers());
		}
	}

	@Test
	void refusesDaysItCannotKnow() {
		assertThatThrownBy(() -> this.journeys.map(TODAY.plusDays(1))).isInstanceOfSatisfying(InvalidJourneyDate.class,
				(ex) -> {
					assertThat(ex.parameter()).isEqualTo("at");
					assertThat(ex.code()).isEqualTo("journey.error.future");
				});
		assertThatThrownBy(() -> this.journeys.map(LocalDate.of(1899, 12, 31))).isInstanceOfSatisfying(
				InvalidJourneyDate.class, (ex) -> assertThat(ex.code()).isEqualTo("journey.error.tooEarly"));
		assertThatThrownBy(() -> this.journeys.moves(TODAY, TODAY)).isInstanceOfSatisfying(InvalidJourneyDate.class,
				(ex) -> {
					assertThat(ex.parameter()).isEqualTo("to");
					assertThat(ex.code()).isEqualTo("journey.error.order");
				});
		assertThatThrownBy(() -> this.journeys.moves(TODAY.minusYears(10).minusDays(1), TODAY)).isInstanceOfSatisfying(
				InvalidJourneyDate.class, (ex) -> assertThat(ex.code()).isEqualTo("journey.error.span"));
		assertThatThrownBy(() -> this.journeys.moves(D1, TODAY.plusDays(1)))
			.isInstanceOfSatisfying(InvalidJourneyDate.class, (ex) -> assertThat(ex.parameter()).isEqualTo("to"));
		assertThat(this.journeys.moves(TODAY.minusYears(10), TODAY).entered()).isEqualTo(6);
	}

	private static List<JourneyMap.Cell> nonEmpty(JourneyMap map) {
		return map.cells().stream().filter((c) -> c.customers() > 0).toList();
	}

	/** Noon in Tokyo on the day. */
	private static OffsetDateTime noon(String day) {
		return OffsetDateTime.parse(day + "T12:00:00+09:00");
	}

	private long customer(String key, @Nullable String registered) {
		return this.jdbc.sql("insert into domain.customer (external_id, registered_at) values (:key, :at) returning id")
			.param("key", "journey-" + key)
			.param("at", (registered != null) ? noon(registered) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.query(Long.class)
			.single();
	}

	private void order(long customer, String day, int amount) {
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount)
				values ('journey-' || :customer || '-' || :day || '-' || :amount, :customer, :at, :amount)
				""")
			.param("customer", customer)
			.param("day", day)
			.param("at", noon(day))
			.param("amount", amount)
			.update();
	}

	/**
	 * A tracking event of a test send, and for opens and clicks the latest engagement
	 * crm-domain keeps (as delivery's tracking records both).
	 */
	private void engage(long customer, String kind, String day) {
		long message = this.jdbc.sql("""
				insert into delivery.message (source_type, source_id, step_key, customer_id, channel, state, sent_at)
				values ('TEST', 1, :kind || :day, :customer, 'EMAIL', 'SENT', :at) returning id
				""")
			.param("kind", kind)
			.param("day", day)
			.param("customer", customer)
			.param("at", noon(day))
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into delivery.event (message_id, customer_id, channel, kind, at, first)
				values (:message, :customer, 'EMAIL', :kind, :at, true)
				""")
			.param("message", message)
			.param("customer", customer)
			.param("kind", kind)
			.param("at", noon(day))
			.update();
		if (kind.equals("OPENED")) {
			this.engagements.recordOpen(customer, Channel.EMAIL, noon(day).toInstant());
		}
		else if (kind.equals("CLICKED")) {
			this.engagements.recordClick(customer, Channel.EMAIL, noon(day).toInstant());
		}
	}

	/** crm-domain's customer summary, as an order import leaves it. */
	private void summarise() {
		this.jdbc.sql("""
				insert into domain.customer_summary (customer_id, first_ordered_at, last_ordered_at,
					last_positive_ordered_at, order_count, positive_order_count, total_spent)
				select customer_id, min(ordered_at), max(ordered_at), max(ordered_at) filter (where amount > 0),
					count(*), count(*) filter (where amount > 0), sum(amount)
				from domain.orders group by customer_id
				""").update();
	}

}
