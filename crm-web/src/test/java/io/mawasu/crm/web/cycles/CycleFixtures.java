package io.mawasu.crm.web.cycles;

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
 * A segment of two customers (one reachable by email) with an email scenario (DRAFT) and
 * a scenario that sends nothing, which a test send without messages lets go live.
 */
final class CycleFixtures {

	final long segmentId;

	final long emailScenarioId;

	final long quietScenarioId;

	private final Scenarios scenarios;

	CycleFixtures(JdbcClient jdbc, Segments segments, Scenarios scenarios, Contents contents) {
		this.scenarios = scenarios;
		String city = "cycle-" + UUID.randomUUID();
		long reachable = jdbc
			.sql("""
					insert into domain.customer (external_id, name, email, city) values (:city || '-a', 'Aiko', 'aiko@example.jp', :city)
					returning id
					""")
			.param("city", city)
			.query(Long.class)
			.single();
		jdbc.sql(
				"""
						insert into domain.customer (external_id, name, email, city) values (:city || '-b', 'Bunta', 'bunta@example.jp', :city)
						""")
			.param("city", city)
			.update();
		jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				values (:id, 'EMAIL', 'OPT_IN', now(), 'test')
				""").param("id", reachable).update();
		this.segmentId = segments.create("Cycle " + city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"}"), null);
		long content = contents
			.create(new ContentRequest("Cycle mail", Channel.EMAIL, "Hi", "<p>Hi</p>", null, null, null), "test");
		this.emailScenarioId = scenarios
			.create("""
					{"name":"Cycle mail","segmentId":%d,"priority":1,"controlPercent":10,
					 "steps":[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]}"""
				.formatted(this.segmentId, content), "test");
		this.quietScenarioId = scenarios.create("""
				{"name":"Cycle wait","segmentId":%d,"priority":1,"controlPercent":10,
				 "steps":[{"key":"w1","type":"WAIT","duration":"P3D","next":"x"},{"key":"x","type":"EXIT"}]}"""
			.formatted(this.segmentId), "test");
	}

	void launchQuietScenario() {
		this.scenarios.testSend(this.quietScenarioId, List.of("team@example.com"), "test");
		this.scenarios.activate(this.quietScenarioId);
	}

	String body(long... scenarioIds) {
		StringBuilder ids = new StringBuilder();
		for (long id : scenarioIds) {
			ids.append((ids.length() > 0) ? "," : "").append(id);
		}
		return """
				{"title":"秋のF2施策","owner":"marketer","decisionMaker":"manager","from":"2026-12-01","to":"2026-12-31",
				 "kgi":{"name":"F2転換率","target":0.3},"hypothesis":"購入後3日以内のフォローでF2転換が上がる",
				 "segmentId":%d,"scenarioIds":[%s],"kpiIds":[],"expected":{"conversionRate":0.05,"averageOrderValue":4000}}"""
			.formatted(this.segmentId, ids);
	}

}
