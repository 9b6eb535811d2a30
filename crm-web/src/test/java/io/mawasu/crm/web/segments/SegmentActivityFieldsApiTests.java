package io.mawasu.crm.web.segments;

import java.util.UUID;

import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 12 item 2: contents and scenarios as rule values. {@code receivedContent} (a SENT
 * message of the content) and {@code inScenario} (an ACTIVE enrolment in the scenario)
 * through {@code POST /api/segments/count}, their values with names through
 * {@code GET /api/segments/fields}, the sentence, and the guard against a scenario whose
 * entry segment tests enrolment in itself.
 */
@CrmIntegrationTest
class SegmentActivityFieldsApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Contents contents;

	@Autowired
	Scenarios scenarios;

	@Autowired
	Segments segments;

	String city;

	long welcome;

	long reminder;

	long scenario;

	long segmentId;

	@BeforeEach
	void seed() {
		TestUsers.ensure(this.accounts);
		this.city = "segact-" + UUID.randomUUID();
		this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, city) values
				(:city || '-a', 'Aiko', 'aiko@example.jp', :city), (:city || '-b', 'Bunta', 'bunta@example.jp', :city),
				(:city || '-c', 'Chika', 'chika@example.jp', :city)
				""").param("city", this.city).update();
		this.welcome = this.contents.create(
				new ContentRequest("Welcome " + this.city, Channel.EMAIL, "Hi", "<p>Hi</p>", null, null, null), "test");
		this.reminder = this.contents.create(
				new ContentRequest("Reminder " + this.city, Channel.EMAIL, "Again", "<p>Again</p>", null, null, null),
				"test");
		// a got the welcome; b's welcome failed and b got the reminder; c got nothing
		this.jdbc
			.sql("""
					insert into delivery.message (source_type, source_id, step_key, customer_id, channel, content_id, state,
						sent_at, finished_at)
					select 'SCENARIO', 990002, v.step, c.id, 'EMAIL', v.content, v.state,
						case when v.state = 'SENT' then now() end, now()
					from domain.customer c
					join (values ('-a', 's1', :welcome, 'SENT'), ('-b', 's1', :welcome, 'FAILED'),
						('-b', 's2', :reminder, 'SENT')) v(suffix, step, content, state) on c.external_id = :city || v.suffix
					""")
			.param("city", this.city)
			.param("welcome", this.welcome)
			.param("reminder", this.reminder)
			.update();
		this.segmentId = this.segments.create("Activity " + this.city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + this.city + "\"}"), "test");
		this.scenario = this.scenarios.create("""
				{"name":"Activity %s","segmentId":%d,"priority":5,"controlPercent":0,
				 "steps":[{"key":"x","type":"EXIT"}]}""".formatted(this.city, this.segmentId), "test");
		// a is in the scenario now; b was and has left
		this.jdbc.sql("""
				insert into scenario.enrollment (scenario_id, customer_id, grp, step_key, state, exited_at, exit_reason)
				select :scenario, c.id, 'TREATMENT', 'x', v.state, case when v.state = 'EXITED' then now() end,
					case when v.state = 'EXITED' then 'COMPLETED' end
				from domain.customer c
				join (values ('-a', 'ACTIVE'), ('-b', 'EXITED')) v(suffix, state) on c.external_id = :city || v.suffix
				""").param("city", this.city).param("scenario", this.scenario).update();
	}

	@Test
	void countsCustomersByTheContentsTheyReceived() throws Exception {
		count("receivedContent", "eq", this.welcome).andExpect(jsonPath("$.size").value(1));
		count("receivedContent", "ne", this.welcome).andExpect(jsonPath("$.size").value(2));
		count("receivedContent", "in", "[" + this.welcome + "," + this.reminder + "]")
			.andExpect(jsonPath("$.size").value(2));
		count("receivedContent", "notIn", "[" + this.welcome + "," + this.reminder + "]")
			.andExpect(jsonPath("$.size").value(1));
		count("receivedContent", "eq", this.reminder).andExpect(jsonPath("$.size").value(1));
	}

	@Test
	void countsCustomersByTheScenarioTheyAreInNow() throws Exception {
		count("inScenario", "eq", this.scenario).andExpect(jsonPath("$.size").value(1));
		count("inScenario", "ne", this.scenario).andExpect(jsonPath("$.size").value(2));
		count("inScenario", "in", "[" + this.scenario + "]").andExpect(jsonPath("$.size").value(1));
		count("inScenario", "notIn", "[" + this.scenario + "]").andExpect(jsonPath("$.size").value(2));
	}

	@Test
	void refusesIdsThatAreNoWholeNumberFromOneNamingTheField() throws Exception {
		count("receivedContent", "eq", 0).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("receivedContent")));
		count("inScenario", "eq", "\"abc\"").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("inScenario")));
		count("inScenario", "gt", 1).andExpect(status().isBadRequest());
	}

	@Test
	void fieldsOfferContentsAndScenariosByName() throws Exception {
		this.mvc
			.perform(get("/api/segments/fields").with(TestUsers.basic(Role.ANALYST)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.field == 'receivedContent')].type").value("choice"))
			.andExpect(jsonPath("$[?(@.field == 'receivedContent')].values[?(@.value == " + this.welcome + ")].label")
				.value("Welcome " + this.city))
			.andExpect(jsonPath("$[?(@.field == 'inScenario')].values[?(@.value == " + this.scenario + ")].label")
				.value("Activity " + this.city))
			.andExpect(jsonPath("$[?(@.field == 'inScenario')].ops[*]",
					org.hamcrest.Matchers.contains("eq", "ne", "in", "notIn")));
		long id = this.segments.create("Received " + this.city,
				SegmentRule.parse("{\"field\":\"receivedContent\"," + "\"op\":\"eq\",\"value\":" + this.welcome + "}"),
				"test");
		this.mvc.perform(get("/segments/{id}", id).with(user("a").roles("ANALYST")).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("受信したコンテンツ")))
			.andExpect(content().string(containsString("Welcome " + this.city)));
	}

	@Test
	void aScenarioWhoseEntrySegmentTestsItsOwnEnrolmentDoesNotRun() throws Exception {
		long self = this.segments.create("Not yet in " + this.city,
				SegmentRule.parse("{\"all\":[{\"field\":\"city\"," + "\"op\":\"eq\",\"value\":\"" + this.city
						+ "\"},{\"not\":{\"field\":\"inScenario\",\"op\":\"in\"," + "\"value\":[" + this.scenario
						+ "]}}]}"),
				"test");
		this.scenarios.update(this.scenario, """
				{"name":"Activity %s","segmentId":%d,"priority":5,"controlPercent":0,
				 "steps":[{"key":"x","type":"EXIT"}]}""".formatted(this.city, self), "test");
		this.mvc
			.perform(post("/api/scenarios/{id}/test-send", this.scenario).with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"to\":[\"team@example.com\"]}"))
			.andExpect(status().isOk());
		this.mvc
			.perform(post("/api/scenarios/{id}/activate", this.scenario).with(TestUsers.basic(Role.MARKETER))
				.header("Accept-Language", "en"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("tests enrolment in this same scenario")));
		org.assertj.core.api.Assertions.assertThat(this.scenarios.find(this.scenario).orElseThrow().status().name())
			.isEqualTo("DRAFT");
	}

	private ResultActions count(String field, String op, Object value) throws Exception {
		return this.mvc.perform(post("/api/segments/count").with(TestUsers.basic(Role.ANALYST))
			.header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"rule\":{\"all\":[{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + this.city + "\"},"
					+ "{\"field\":\"" + field + "\",\"op\":\"" + op + "\",\"value\":" + value + "}]}}"));
	}

}
