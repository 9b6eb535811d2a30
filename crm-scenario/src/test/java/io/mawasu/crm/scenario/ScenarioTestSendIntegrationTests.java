package io.mawasu.crm.scenario;

import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mawasu.crm.testing.TestMail;
import io.mawasu.crm.ScenarioTestApplication;
import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A scenario's test send goes to GreenMail (every SEND step, every variant, marked
 * [TEST]) and unlocks activation; an edit locks it again.
 */
@SpringBootTest(classes = ScenarioTestApplication.class)
class ScenarioTestSendIntegrationTests {

	@RegisterExtension
	static GreenMailExtension greenMail = TestMail.server();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		TestMail.register(registry, greenMail);
	}

	@Autowired
	Scenarios scenarios;

	@Autowired
	Contents contents;

	@Autowired
	Segments segments;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTestSendAfterTheLastEditUnlocksActivation() throws Exception {
		greenMail.purgeEmailFromAllMailboxes();
		String city = "ts-" + System.nanoTime();
		// enrolment takes only customers reachable on a channel the scenario sends on
		// (consent and an address)
		this.jdbc.sql(
				"insert into domain.customer (external_id, name, city, email) values (:c, '山田 花子', :c, :c || '@example.com')")
			.param("c", city)
			.update();
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select id, 'EMAIL', 'OPT_IN', now(), 'test' from domain.customer where external_id = :c
				""").param("c", city).update();
		long segment = this.segments.create(city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"}"), null);
		long email = this.contents.create(new ContentRequest("Welcome", Channel.EMAIL, "Hello", "<p>Hello</p>", null,
				null, List.of(new ContentRequest.Variant("B", "Hi", "<p>Hi</p>", null, null, 50))), "test");
		long line = this.contents
			.create(new ContentRequest("Line", Channel.LINE, null, null, null, List.of("こんにちは"), null), "test");
		String json = """
				{"name":"Test send","segmentId":%d,"steps":[
				 {"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"s2"},
				 {"key":"s2","type":"SEND","channel":"LINE","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]}"""
			.formatted(segment, email, line);
		long id = this.scenarios.create(json, "test");
		assertThatThrownBy(() -> this.scenarios.activate(id)).isInstanceOf(ScenarioConflict.class)
			.hasMessageContaining("test-send after the last edit");

		assertThat(this.scenarios.testSend(id, List.of("team@example.com"), "test")).isEqualTo(3);
		assertThat(greenMail.getReceivedMessages()).extracting(MimeMessage::getSubject)
			.allMatch((subject) -> subject.startsWith("[TEST]"))
			.hasSize(3);
		assertThat(this.scenarios.find(id).orElseThrow().testedSinceEdit()).isTrue();

		this.scenarios.update(id, json.replace("Test send", "Test send 2"), "test");
		assertThat(this.scenarios.find(id).orElseThrow().testedSinceEdit()).isFalse();
		assertThatThrownBy(() -> this.scenarios.activate(id)).isInstanceOf(ScenarioConflict.class);

		assertThatThrownBy(() -> this.scenarios.testSend(id, List.of("not an address"), "test"))
			.isInstanceOf(InvalidScenario.class)
			.extracting((ex) -> ((InvalidScenario) ex).step())
			.isEqualTo("s1");
		assertThat(this.scenarios.find(id).orElseThrow().testedSinceEdit()).isFalse();

		this.scenarios.testSend(id, List.of("team@example.com"), "test");
		ScenarioView active = this.scenarios.activate(id);
		assertThat(active.status()).isEqualTo(ScenarioStatus.ACTIVE);
		assertThat(active.enrollments().total()).isEqualTo(1);
		assertThat(active.counts()).containsKeys("s1", "s2", "x");
		assertThat(active.counts().get("s1")).containsEntry("ACTIVE", 1L);
	}

}
