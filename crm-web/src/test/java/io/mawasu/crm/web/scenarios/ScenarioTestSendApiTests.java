package io.mawasu.crm.web.scenarios;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mawasu.crm.testing.TestMail;
import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/scenarios/{id}/test-send} to GreenMail, then activation. Its own
 * context (the SMTP port is dynamic), so only this class pays for it.
 */
@CrmIntegrationTest
class ScenarioTestSendApiTests {

	@RegisterExtension
	static GreenMailExtension greenMail = TestMail.server();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		TestMail.register(registry, greenMail);
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Segments segments;

	@Autowired
	Contents contents;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTestSendToMoreThanTwentyAddressesIsRefusedNamingTheLimit() throws Exception {
		TestUsers.ensure(this.accounts);
		long content = this.contents
			.create(new ContentRequest("Cap", Channel.EMAIL, "Cap", "<p>Cap</p>", null, null, null), "test");
		long segment = this.segments.create("cap-" + UUID.randomUUID(),
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"nowhere\"}"), null);
		String created = this.mvc
			.perform(post("/api/scenarios").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(
						"""
								{"name":"Cap","segmentId":%d,"controlPercent":0,"steps":[
								 {"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]}"""
							.formatted(segment, content)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long id = Long.parseLong(created.replaceAll("\\D", ""));
		String to = IntStream.range(0, 21)
			.mapToObj((i) -> "\"t" + i + "@example.com\"")
			.collect(Collectors.joining(",", "{\"to\":[", "]}"));
		int before = greenMail.getReceivedMessages().length;
		this.mvc
			.perform(post("/api/scenarios/{id}/test-send", id).with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(to))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("to"))
			.andExpect(jsonPath("$.detail", containsString("at most 20 addresses")))
			.andExpect(jsonPath("$.detail", containsString("21 were given")));
		assertThat(greenMail.getReceivedMessages()).hasSize(before);
	}

	@Test
	void testSendThenActivate() throws Exception {
		TestUsers.ensure(this.accounts);
		String city = "scts-" + UUID.randomUUID();
		this.jdbc
			.sql("insert into domain.customer (external_id, name, email, city) values (:c, 'Aiko', 'a@example.jp', :c)")
			.param("c", city)
			.update();
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select id, 'EMAIL', 'OPT_IN', now(), 'test' from domain.customer where external_id = :c
				""").param("c", city).update();
		long segment = this.segments.create(city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"}"), null);
		long content = this.contents
			.create(new ContentRequest("Welcome", Channel.EMAIL, "Hello", "<p>Hello</p>", null, null, null), "test");
		String json = """
				{"name":"Welcome","segmentId":%d,"controlPercent":0,"steps":[
				 {"key":"w1","type":"WAIT","duration":"P1D","next":"s1"},
				 {"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]}"""
			.formatted(segment, content);
		String created = this.mvc
			.perform(post("/api/scenarios").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long id = Long.parseLong(created.replaceAll("\\D", ""));
		this.mvc.perform(post("/api/scenarios/{id}/activate", id).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("test-send after the last edit")));
		this.mvc
			.perform(post("/api/scenarios/{id}/test-send", id).with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"to\":[\"team@example.com\"]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sent").value(1));
		assertThat(List.of(greenMail.getReceivedMessages())).extracting(MimeMessage::getSubject)
			.containsExactly("[TEST] Hello");
		assertThat(this.jdbc.sql("""
				select username || ' ' || detail from web.audit_log
				where action = 'scenario.test-send' and target = :target
				""").param("target", "scenario:" + id).query(String.class).list())
			.containsExactly(TestUsers.username(Role.MARKETER) + " to 1 address(es): 1 message(s) sent");
		this.mvc.perform(post("/api/scenarios/{id}/activate", id).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.testSentAt").isNotEmpty())
			.andExpect(jsonPath("$.enrollments.total").value(1))
			.andExpect(jsonPath("$.enrollments.TREATMENT").value(1))
			.andExpect(jsonPath("$.counts.w1.ACTIVE").value(1))
			.andExpect(jsonPath("$.counts.s1.ACTIVE").value(0));
	}

}
