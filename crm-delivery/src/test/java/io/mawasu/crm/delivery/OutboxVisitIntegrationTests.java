package io.mawasu.crm.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox key per enrolment visit: a re-entered customer gets the step's message
 * again, while enqueueing the same visit twice (a redone batch) adds nothing.
 */
@SpringBootTest(classes = DeliveryTestApplication.class)
class OutboxVisitIntegrationTests {

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	long customer;

	@BeforeEach
	void customer() {
		this.jdbc.sql("truncate domain.customer, delivery.message cascade").update();
		this.customer = this.jdbc.sql("insert into domain.customer (external_id) values ('visit') returning id")
			.query(Long.class)
			.single();
	}

	@Test
	void eachVisitGetsItsOwnMessageAndARedoneVisitNone() {
		Instant first = Instant.parse("2026-11-01T10:00:00.123456Z");
		Instant second = first.plus(3, ChronoUnit.DAYS);
		assertThat(this.outbox.enqueue(List.of(entry("s1", first), entry("s2", first)))).isEqualTo(2);
		assertThat(this.outbox.enqueue(List.of(entry("s1", first), entry("s2", first)))).as("the batch redone")
			.isZero();
		assertThat(this.outbox.enqueue(List.of(entry("s1", second)))).as("the customer re-entered").isEqualTo(1);
		assertThat(this.outbox.enqueue(List.of(entry("s1", second), entry("s1", first)))).isZero();
		assertThat(this.jdbc.sql("""
				select step_key || ' ' || to_char(visit at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')
				from delivery.message order by visit, step_key
				""").query(String.class).list()).containsExactly("s1 2026-11-01 10:00:00.123456",
				"s2 2026-11-01 10:00:00.123456", "s1 2026-11-04 10:00:00.123456");
	}

	@Test
	void withoutAVisitAStepIsSentOncePerCustomer() {
		Outbox.Entry campaign = new Outbox.Entry("CAMPAIGN", 3, "s1", this.customer, Channel.EMAIL, 1L, "A");
		assertThat(this.outbox.enqueue(List.of(campaign))).isEqualTo(1);
		assertThat(this.outbox.enqueue(List.of(campaign))).isZero();
		assertThat(
				this.jdbc.sql("select count(*) from delivery.message where visit is null").query(Long.class).single())
			.isEqualTo(1);
	}

	private Outbox.Entry entry(String step, Instant visit) {
		return new Outbox.Entry("SCENARIO", 9, step, this.customer, Channel.EMAIL, 1L, "A", SendRules.NONE, visit);
	}

}
