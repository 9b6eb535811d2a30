package io.mawasu.crm.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.mawasu.crm.ScenarioTestApplication;
import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.delivery.DeliveryWorker;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.consent.Consents;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine with crm-domain's consents and crm-delivery's worker: the events they
 * publish let customers go (after commit, asynchronously).
 */
@SpringBootTest(classes = ScenarioTestApplication.class)
class ScenarioDeliveryIntegrationTests {

	@Autowired
	Scenarios scenarios;

	@Autowired
	ScenarioEngine engine;

	@Autowired
	DeliveryWorker worker;

	@Autowired
	Consents consents;

	@Autowired
	Contents contents;

	@Autowired
	Segments segments;

	@Autowired
	JdbcClient jdbc;

	long segmentId;

	@BeforeEach
	void customers() {
		this.jdbc.sql("""
				truncate scenario.enrollment_event, scenario.enrollment, scenario.scenario, delivery.message,
					segmentation.segment, domain.orders, domain.customer cascade
				""").update();
		this.jdbc.sql("""
				insert into domain.customer (external_id, email, prefecture)
				select 'sd-' || g, 'd' || g || '@example.com', 'Kyoto' from generate_series(1, 20) g
				""").update();
		// Enrolment takes only members reachable on a channel the scenario sends on.
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select c.id, ch, 'OPT_IN', now() - interval '1 day', 'test'
				from domain.customer c cross join unnest(array['EMAIL', 'LINE', 'SMS']) ch
				""").update();
		this.segmentId = this.segments.create("Kyoto",
				SegmentRule.parse("{\"field\":\"prefecture\",\"op\":\"eq\",\"value\":\"Kyoto\"}"), null);
	}

	long active(String firstStep) {
		long content = this.contents
			.create(new ContentRequest("Hello", Channel.EMAIL, "Hi", "<p>Hello</p>", null, null, null), "test");
		long id = this.scenarios.create("""
				{"name":"D","segmentId":%d,"quietHours":null,"steps":[%s
				 {"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"w1"},
				 {"key":"w1","type":"WAIT","duration":"P1D","next":"x"},{"key":"x","type":"EXIT"}]}"""
			.formatted(this.segmentId, firstStep, content), "test");
		this.jdbc.sql("update scenario.scenario set test_sent_at = clock_timestamp() where id = :id")
			.param("id", id)
			.update();
		this.scenarios.activate(id);
		return id;
	}

	@Test
	void anOptOutThroughConsentsLetsTheCustomerGoBeforeTheSend() throws Exception {
		long id = active("{\"key\":\"w0\",\"type\":\"WAIT\",\"duration\":\"P1D\",\"next\":\"s1\"},");
		long customer = this.jdbc.sql("select id from domain.customer where external_id = 'sd-1'")
			.query(Long.class)
			.single();
		this.consents.change(customer, Channel.EMAIL, ConsentStatus.OPT_IN, Instant.now().minusSeconds(60), "test",
				null);
		this.consents.change(customer, Channel.EMAIL, ConsentStatus.OPT_OUT, Instant.now(), "UNSUBSCRIBE", null);
		await(() -> this.scenarios.find(id).orElseThrow().exits().containsKey("OPTED_OUT"));
		assertThat(this.scenarios.find(id).orElseThrow().exits()).isEqualTo(Map.of("OPTED_OUT", 1L));
	}

	@Test
	void aMessageSkippedForNoConsentAtSendTimeExitsTheEnrolment() throws Exception {
		long id = active("");
		this.engine.runOnce();
		long queued = this.jdbc.sql("select count(*) from delivery.message where source_id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		assertThat(queued).isPositive();
		// opted out between enqueue and send, as an import records it (no event): only
		// the
		// send-time check can catch it
		this.jdbc.sql("update domain.consent set status = 'OPT_OUT', changed_at = now() where channel = 'EMAIL'")
			.update();
		this.worker.runOnce();
		assertThat(this.jdbc.sql("select distinct skip_reason from delivery.message where source_id = :id")
			.param("id", id)
			.query(String.class)
			.list()).isEqualTo(List.of("NO_CONSENT"));
		await(() -> this.scenarios.find(id).orElseThrow().exits().getOrDefault("OPTED_OUT", 0L) == queued);
		assertThat(this.scenarios.find(id).orElseThrow().counts().get("s1")).containsEntry("SUPPRESSED", queued);
	}

	static void await(BooleanSupplier condition) throws InterruptedException {
		Instant until = Instant.now().plus(Duration.ofSeconds(15));
		while (!condition.getAsBoolean() && Instant.now().isBefore(until)) {
			Thread.sleep(100);
		}
		assertThat(condition.getAsBoolean()).as("condition within 15 s").isTrue();
	}

}
