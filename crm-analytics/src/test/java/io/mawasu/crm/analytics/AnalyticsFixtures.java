package io.mawasu.crm.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test data for cycles: customers in a city of their own with consents, a segment of
 * them, and scenarios that send on a channel (kept DRAFT) or send nothing (which a test
 * send without messages lets go live).
 */
class AnalyticsFixtures {

	final JdbcClient jdbc;

	final Segments segments;

	final Scenarios scenarios;

	final Contents contents;

	final String city = "pdca-" + UUID.randomUUID();

	AnalyticsFixtures(JdbcClient jdbc, Segments segments, Scenarios scenarios, Contents contents) {
		this.jdbc = jdbc;
		this.segments = segments;
		this.scenarios = scenarios;
		this.contents = contents;
	}

	/** Adds a customer of the city with the address and OPT_IN consents given. */
	void customer(String key, String email, String lineUserId, Channel... optIns) {
		long id = this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, line_user_id, city)
				values (:ext, :key, :email, :line, :city) returning id
				""")
			.param("ext", this.city + "-" + key)
			.param("key", key)
			.param("email", email)
			.param("line", lineUserId)
			.param("city", this.city)
			.query(Long.class)
			.single();
		for (Channel channel : optIns) {
			this.jdbc.sql("""
					insert into domain.consent (customer_id, channel, status, changed_at, source)
					values (:id, :channel, 'OPT_IN', now(), 'test')
					""").param("id", id).param("channel", channel.name()).update();
		}
	}

	long segment() {
		return this.segments.create("PDCA " + this.city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + this.city + "\"}"), null);
	}

	/** A DRAFT scenario with one SEND step on the channel. */
	long sendingScenario(long segmentId, Channel channel) {
		long content = this.contents
			.create(new ContentRequest("PDCA " + channel, channel, (channel == Channel.EMAIL) ? "Hi" : null,
					(channel == Channel.EMAIL) ? "<p>Hi</p>" : "Hi", null, null, null), "test");
		return this.scenarios
			.create("""
					{"name":"Send %s","segmentId":%d,"priority":1,"controlPercent":10,
					 "steps":[{"key":"s1","type":"SEND","channel":"%s","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]}"""
				.formatted(channel, segmentId, channel, content), "test");
	}

	/** A scenario that waits and exits: it sends nothing, so it can go live in a test. */
	long quietScenario(long segmentId) {
		return this.scenarios.create("""
				{"name":"Quiet","segmentId":%d,"priority":1,"controlPercent":10,
				 "steps":[{"key":"w1","type":"WAIT","duration":"P3D","next":"x"},{"key":"x","type":"EXIT"}]}"""
			.formatted(segmentId), "test");
	}

	void activate(long scenarioId) {
		this.scenarios.testSend(scenarioId, List.of("team@example.com"), "test");
		this.scenarios.activate(scenarioId);
	}

	CycleRequest request(long segmentId, List<Long> scenarioIds) {
		return new CycleRequest("秋のF2施策", "marketer", "manager", LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31),
				new CycleRequest.Kgi("F2転換率", new BigDecimal("0.30")), "購入後3日以内のフォローでF2転換が上がる", segmentId, scenarioIds,
				List.of(), new CycleRequest.Expected(0.5, new BigDecimal("4000")));
	}

}
