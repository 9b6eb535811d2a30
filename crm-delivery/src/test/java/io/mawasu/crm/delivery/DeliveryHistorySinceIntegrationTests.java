package io.mawasu.crm.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.mawasu.crm.DeliveryTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Opens, clicks and unanswered sends counted only for messages created at or after each
 * customer's own time (the enrolment of the current visit).
 */
@SpringBootTest(classes = DeliveryTestApplication.class)
class DeliveryHistorySinceIntegrationTests {

	static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

	@Autowired
	DeliveryHistory history;

	@Autowired
	JdbcClient jdbc;

	long reentered;

	long fresh;

	@BeforeEach
	void history() {
		this.jdbc.sql("truncate domain.customer, delivery.message, delivery.event cascade").update();
		this.reentered = this.jdbc.sql("insert into domain.customer (external_id) values ('again') returning id")
			.query(Long.class)
			.single();
		this.fresh = this.jdbc.sql("insert into domain.customer (external_id) values ('fresh') returning id")
			.query(Long.class)
			.single();
		// the re-entered customer opened and clicked s1 in the first cycle, 10 days ago
		long old = sent(this.reentered, "s1", days(10));
		event(old, this.reentered, "OPENED", days(9));
		event(old, this.reentered, "CLICKED", days(9));
		sent(this.reentered, "s2", days(8));
		// and was sent s1 again in this cycle (2 days ago), unopened so far
		sent(this.reentered, "s1", days(2));
		// the other customer opened this cycle's s1
		long opened = sent(this.fresh, "s1", days(2));
		event(opened, this.fresh, "OPENED", days(1));
	}

	@Test
	void anEarlierCycleDoesNotCount() {
		Map<Long, Instant> since = Map.of(this.reentered, days(3), this.fresh, days(3));
		assertThat(this.history.openedSince("SCENARIO", 7, "s1", since)).containsExactly(this.fresh);
		assertThat(this.history.clickedSince("SCENARIO", 7, "s1", since)).isEmpty();
		assertThat(this.history.unansweredSendsSince("SCENARIO", 7, since)).containsOnly(entry(this.reentered, 1));
		// the whole history, as before
		Map<Long, Instant> always = Map.of(this.reentered, days(30), this.fresh, days(30));
		assertThat(this.history.openedSince("SCENARIO", 7, "s1", always)).containsExactlyInAnyOrder(this.reentered,
				this.fresh);
		assertThat(this.history.clickedSince("SCENARIO", 7, "s1", always)).containsExactly(this.reentered);
		assertThat(this.history.unansweredSendsSince("SCENARIO", 7, always)).containsOnly(entry(this.reentered, 2));
	}

	@Test
	void theTimeIsInclusiveAndEachCustomerHasItsOwn() {
		Map<Long, Instant> since = Map.of(this.reentered, days(10), this.fresh, days(1));
		assertThat(this.history.openedSince("SCENARIO", 7, "s1", since)).containsExactly(this.reentered);
		assertThat(this.history.openedSince("SCENARIO", 8, "s1", since)).isEmpty();
		assertThat(this.history.openedSince("SCENARIO", 7, "s1", Map.of())).isEmpty();
		assertThat(this.history.unansweredSendsSince("SCENARIO", 7, Map.of())).isEmpty();
	}

	private static Instant days(int ago) {
		return NOW.minus(ago, ChronoUnit.DAYS);
	}

	private long sent(long customer, String step, Instant at) {
		return this.jdbc.sql("""
				insert into delivery.message (source_type, source_id, step_key, customer_id, channel, state, created_at,
					sent_at, visit)
				values ('SCENARIO', 7, :step, :c, 'EMAIL', 'SENT', :at, :at, :at) returning id
				""")
			.param("step", step)
			.param("c", customer)
			.param("at", java.sql.Timestamp.from(at))
			.query(Long.class)
			.single();
	}

	private void event(long message, long customer, String kind, Instant at) {
		this.jdbc.sql("""
				insert into delivery.event (message_id, customer_id, channel, kind, at, first)
				values (:m, :c, 'EMAIL', :k, :at, true)
				""")
			.param("m", message)
			.param("c", customer)
			.param("k", kind)
			.param("at", java.sql.Timestamp.from(at))
			.update();
	}

}
