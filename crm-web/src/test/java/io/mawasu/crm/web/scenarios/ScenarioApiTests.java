package io.mawasu.crm.web.scenarios;

import java.util.List;
import java.util.UUID;

import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioEngine;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.audit.AuditLog;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class ScenarioApiTests {

	static final String STEPS = """
			[{"key":"w1","type":"WAIT","duration":"P3D","next":"b1"},
			 {"key":"b1","type":"BRANCH","if":{"purchased":true},"then":"x","else":"w2"},
			 {"key":"w2","type":"WAIT","duration":"PT30M","next":"x"},
			 {"key":"x","type":"EXIT"}]""";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Segments segments;

	@Autowired
	AuditLog audit;

	@Autowired
	Contents contents;

	@Autowired
	ScenarioEngine engine;

	long segmentId;

	@BeforeEach
	void seed() {
		TestUsers.ensure(this.accounts);
		String city = "scapi-" + UUID.randomUUID();
		this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, city) values
				(:city || '-a', 'Aiko', 'aiko@example.jp', :city), (:city || '-b', 'Bunta', 'bunta@example.jp', :city)
				""").param("city", city).update();
		this.segmentId = this.segments.create("Scenario API " + city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"}"), null);
	}

	String scenario(String steps) {
		return """
				{"name":"Welcome","segmentId":%d,"priority":10,"controlPercent":10,
				 "frequencyCap":{"max":3,"days":7},"goal":{"type":"PURCHASE","withinDays":14},
				 "quietHours":{"from":"21:00","to":"09:00"},"reentry":{"afterDays":30},"steps":%s}"""
			.formatted(this.segmentId, steps);
	}

	ResultActions post(String path, String json, Role role) throws Exception {
		return this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
			.with(TestUsers.basic(role))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	long create(String json) throws Exception {
		String body = post("/api/scenarios", json, Role.MARKETER).andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/scenarios/")))
			.andExpect(jsonPath("$.id").isNumber())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Long.parseLong(body.replaceAll("\\D", ""));
	}

	@Test
	void createsADraftAndReadsItBackAsPosted() throws Exception {
		long id = create(scenario(STEPS));
		this.mvc.perform(get("/api/scenarios/{id}", id).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DRAFT"))
			.andExpect(jsonPath("$.segmentId").value(this.segmentId))
			.andExpect(jsonPath("$.priority").value(10))
			.andExpect(jsonPath("$.controlPercent").value(10))
			.andExpect(jsonPath("$.frequencyCap.max").value(3))
			.andExpect(jsonPath("$.goal.withinDays").value(14))
			.andExpect(jsonPath("$.quietHours.from").value("21:00"))
			.andExpect(jsonPath("$.reentry.afterDays").value(30))
			.andExpect(jsonPath("$.steps[1].if.purchased").value(true))
			.andExpect(jsonPath("$.steps[3].type").value("EXIT"))
			.andExpect(jsonPath("$.testSentAt").doesNotExist())
			.andExpect(jsonPath("$.enrollments.total").value(0))
			.andExpect(jsonPath("$.counts.w1.ACTIVE").value(0));
		this.mvc.perform(get("/api/scenarios").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id", hasItem((int) id)));
	}

	@Test
	void anInvalidDefinitionIsA400NamingTheStepAndField() throws Exception {
		invalid(STEPS.replace("\"then\":\"x\"", "\"then\":\"s9\""), "b1", "then")
			.andExpect(jsonPath("$.detail").value("step \"b1\": then → \"s9\" is not a step"));
		invalid(STEPS.replace("{\"key\":\"x\",\"type\":\"EXIT\"}",
				"{\"key\":\"x\",\"type\":\"EXIT\"},{\"key\":\"lost\",\"type\":\"EXIT\"}"), "lost", "key");
		invalid(STEPS.replace("\"PT30M\",\"next\":\"x\"", "\"PT30M\",\"next\":\"b2\"}," + """
				{"key":"b2","type":"BRANCH","if":{"purchased":true},"then":"x","else":"b3"},
				{"key":"b3","type":"BRANCH","if":{"purchased":true},"then":"x","else":"b2"
				"""), "b3", "next");
		invalid(STEPS.replace("\"P3D\"", "\"three days\""), "w1", "duration");
		invalid(STEPS.replace("{\"purchased\":true}", "{\"opened\":\"w1\"}"), "b1", "if.opened");
		invalid(STEPS.replace("\"key\":\"w2\"", "\"key\":\"w1\""), "w1", "key");
		invalid(STEPS.replace("\"type\":\"WAIT\",\"duration\":\"P3D\"",
				"\"type\":\"SEND\",\"channel\":\"EMAIL\",\"contentId\":987654321"), "w1", "contentId");
		long email = this.contents
			.create(new ContentRequest("Mail", Channel.EMAIL, "Hi", "<p>Hi</p>", null, null, null), "test");
		invalid(STEPS.replace("\"type\":\"WAIT\",\"duration\":\"P3D\"",
				"\"type\":\"SEND\",\"channel\":\"LINE\",\"contentId\":" + email), "w1", "contentId")
			.andExpect(jsonPath("$.detail", containsString("EMAIL content")));
		post("/api/scenarios", scenario(STEPS).replace("\"controlPercent\":10", "\"controlPercent\":95"), Role.MARKETER)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("controlPercent"));
		post("/api/scenarios", scenario(STEPS).replace("\"segmentId\":" + this.segmentId, "\"segmentId\":987654321"),
				Role.MARKETER)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("segmentId"));
	}

	ResultActions invalid(String steps, String step, String field) throws Exception {
		return post("/api/scenarios", scenario(steps), Role.MARKETER).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.step").value(step))
			.andExpect(jsonPath("$.field").value(field))
			.andExpect(jsonPath("$.detail", containsString("step \"" + step + "\"")));
	}

	@Test
	void analystsCannotWrite() throws Exception {
		post("/api/scenarios", scenario(STEPS), Role.ANALYST).andExpect(status().isForbidden());
		long id = create(scenario(STEPS));
		post("/api/scenarios/" + id + "/activate", "", Role.ANALYST).andExpect(status().isForbidden());
		this.mvc
			.perform(put("/api/scenarios/{id}", id).with(TestUsers.basic(Role.ANALYST))
				.contentType(MediaType.APPLICATION_JSON)
				.content(scenario(STEPS)))
			.andExpect(status().isForbidden());
	}

	@Test
	void quietHoursPerChannelAreKeptAndShown() throws Exception {
		long id = create(scenario(STEPS).replace("\"quietHours\":{\"from\":\"21:00\",\"to\":\"09:00\"}",
				"\"quietHours\":{\"from\":\"21:00\",\"to\":\"09:00\",\"SMS\":{\"from\":\"20:00\",\"to\":\"10:00\"},\"EMAIL\":null}"));
		this.mvc.perform(get("/api/scenarios/{id}", id).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.quietHours.from").value("21:00"))
			.andExpect(jsonPath("$.quietHours.SMS.to").value("10:00"))
			.andExpect(jsonPath("$.quietHours.EMAIL").isEmpty());
	}

	@Test
	void aTestSendTheProviderRefusesIsA502AndUnlocksNothing() throws Exception {
		// this context's SMTP server (localhost:1025) is not running
		long content = this.contents
			.create(new ContentRequest("Unsent", Channel.EMAIL, "Hello", "<p>Hello</p>", null, null, null), "test");
		long id = create(scenario("""
				[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]"""
			.formatted(content)));
		post("/api/scenarios/" + id + "/test-send", "{\"to\":[\"team@example.com\"]}", Role.MARKETER)
			.andExpect(status().isBadGateway())
			.andExpect(jsonPath("$.detail", containsString("team@example.com")));
		post("/api/scenarios/" + id + "/activate", "", Role.MARKETER).andExpect(status().isConflict());
	}

	@Test
	void activationNeedsATestSendAfterTheLastEdit() throws Exception {
		long id = create(scenario(STEPS));
		post("/api/scenarios/" + id + "/activate", "", Role.MARKETER).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("test-send after the last edit")));
		post("/api/scenarios/" + id + "/test-send", "{\"to\":[\"team@example.com\"]}", Role.MARKETER)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sent").value(0));
		this.mvc
			.perform(put("/api/scenarios/{id}", id).with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(scenario(STEPS).replace("\"Welcome\"", "\"Welcome again\"")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Welcome again"));
		post("/api/scenarios/" + id + "/activate", "", Role.MARKETER).andExpect(status().isConflict());
		post("/api/scenarios/" + id + "/test-send", "{\"to\":[\"team@example.com\"]}", Role.MARKETER)
			.andExpect(status().isOk());
		post("/api/scenarios/" + id + "/activate", "", Role.MARKETER).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.enrollments.total").value(2))
			.andExpect(jsonPath("$.counts.w1.ACTIVE").value(2));
		post("/api/scenarios/" + id + "/activate", "", Role.MARKETER).andExpect(status().isConflict());
		this.mvc
			.perform(put("/api/scenarios/{id}", id).with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(scenario(STEPS)))
			.andExpect(status().isConflict());
		post("/api/scenarios/" + id + "/pause", "", Role.MARKETER).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("PAUSED"));
		post("/api/scenarios/" + id + "/resume", "", Role.MARKETER).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ACTIVE"));
		post("/api/scenarios/" + id + "/archive", "", Role.ADMIN).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ARCHIVED"))
			.andExpect(jsonPath("$.exits.ARCHIVED").value(2));
		assertThat(this.audit.newest(200)).filteredOn((e) -> ("scenario:" + id).equals(e.target()))
			.extracting(AuditLog.Entry::action)
			.contains("scenario.test-send", "scenario.activate", "scenario.pause", "scenario.resume",
					"scenario.archive");
	}

	@Test
	void durationsAreBoundedAndAWaitSavedBeyondTheBoundNeverActivates() throws Exception {
		for (String tooLong : List.of("PT9223372036854775807S", "P999999999D", "P11Y")) {
			invalid(STEPS.replace("\"P3D\"", "\"" + tooLong + "\""), "w1", "duration")
				.andExpect(jsonPath("$.detail", containsString("longer than 10 years")));
		}
		invalid(STEPS.replace("\"P3D\"", "\"-P1D\""), "w1", "duration");
		invalid(STEPS.replace("\"PT30M\"", "\"PT0S\""), "w2", "duration");
		post("/api/scenarios", scenario(STEPS).replace("\"days\":7", "\"days\":999999999"), Role.MARKETER)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("frequencyCap.days"));
		post("/api/scenarios", scenario(STEPS).replace("\"afterDays\":30", "\"afterDays\":-30"), Role.MARKETER)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("reentry.afterDays"));
		// saved before the bound (here: written to the table), then activated: a 400
		// naming the step, and the scenario stays a draft
		long id = create(scenario(STEPS));
		post("/api/scenarios/" + id + "/test-send", "{\"to\":[\"team@example.com\"]}", Role.MARKETER)
			.andExpect(status().isOk());
		this.jdbc.sql("""
				update scenario.scenario set definition = jsonb_set(definition, '{steps,0,duration}', '"P999999999D"')
				where id = :id
				""").param("id", id).update();
		post("/api/scenarios/" + id + "/activate", "", Role.MARKETER).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.step").value("w1"))
			.andExpect(jsonPath("$.field").value("duration"));
		this.mvc.perform(get("/api/scenarios/{id}", id).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DRAFT"))
			.andExpect(jsonPath("$.steps[0].duration").value("P999999999D"))
			.andExpect(jsonPath("$.failures.count").value(0))
			.andExpect(jsonPath("$.failures.failingEnrollments").value(0));
	}

	@Test
	void aScenarioTheEngineFailsOnShowsItsFailuresWhileAnotherKeepsSending() throws Exception {
		// LINE, so that no other test's mail server ever receives this message
		long content = this.contents
			.create(new ContentRequest("Kept", Channel.LINE, null, null, null, List.of("Hi"), null), "test");
		long failing = failingScenario(this.jdbc, this.engine, this.segments, this.segmentId);
		// another scenario, on other customers, is sent in the same engine runs
		String city = "scapi-ok-" + UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into domain.customer (external_id, name, line_user_id, city) values (:city, 'Chika', 'Uchika', :city)
					""")
			.param("city", city)
			.update();
		this.jdbc
			.sql("""
					insert into domain.consent (customer_id, channel, status, changed_at, source)
					select id, 'LINE', 'OPT_IN', now() - interval '1 day', 'test' from domain.customer where external_id = :city
					""")
			.param("city", city)
			.update();
		long other = this.segments.create("Scenario API ok " + city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"}"), null);
		long sending = create(scenario("""
				[{"key":"s1","type":"SEND","channel":"LINE","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]"""
			.formatted(content)).replace("\"segmentId\":" + this.segmentId, "\"segmentId\":" + other));
		this.jdbc.sql("update scenario.scenario set test_sent_at = clock_timestamp() where id = :id")
			.param("id", sending)
			.update();
		post("/api/scenarios/" + sending + "/activate", "", Role.MARKETER).andExpect(status().isOk());
		this.engine.runOnce();
		this.mvc.perform(get("/api/scenarios/{id}", failing).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.failures.failingEnrollments").value(2))
			.andExpect(jsonPath("$.failures.lastError", containsString("timestamp out of range")))
			.andExpect(jsonPath("$.failures.lastFailedAt").isNotEmpty())
			.andExpect(jsonPath("$.enrollments.total").value(2));
		assertThat(this.jdbc.sql("select count(*) from delivery.message where source_id = :id and step_key = 's1'")
			.param("id", sending)
			.query(Long.class)
			.single()).isEqualTo(1);
		this.mvc.perform(get("/api/scenarios/{id}", sending).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(jsonPath("$.failures.count").value(0))
			.andExpect(jsonPath("$.exits.COMPLETED").value(1));
	}

	/**
	 * An ACTIVE scenario of the segment whose next step has a WAIT written to the table
	 * beyond what the database can compute; returns its id once the engine has failed on
	 * both its enrolments.
	 */
	static long failingScenario(JdbcClient jdbc, ScenarioEngine engine, Segments segments, long segmentId)
			throws Exception {
		long id = jdbc.sql("""
				insert into scenario.scenario (name, segment_id, definition, edited_at, test_sent_at)
				values ('Failing', :segment, cast(:json as jsonb), now() - interval '1 minute', now()) returning id
				""")
			.param("segment", segmentId)
			.param("json",
					"""
							{"name":"Failing","segmentId":%d,"steps":[{"key":"w1","type":"WAIT","duration":"P1D","next":"w2"},
							 {"key":"w2","type":"WAIT","duration":"PT30M","next":"x"},{"key":"x","type":"EXIT"}]}"""
						.formatted(segmentId))
			.query(Long.class)
			.single();
		jdbc.sql("update scenario.scenario set status = 'ACTIVE' where id = :id").param("id", id).update();
		jdbc.sql("""
				insert into scenario.enrollment (scenario_id, customer_id, grp, step_key)
				select :id, customer_id, 'TREATMENT', 'w1' from unnest(cast(:members as bigint[])) as m (customer_id)
				""").param("id", id).param("members", segments.memberIds(segmentId)).update();
		jdbc.sql("""
				update scenario.scenario set version = version + 1,
					definition = jsonb_set(definition, '{steps,1,duration}', '"P999999999D"')
				where id = :id
				""").param("id", id).update();
		jdbc.sql("update scenario.enrollment set due_at = now() where scenario_id = :id").param("id", id).update();
		long deadline = System.currentTimeMillis() + 30_000;
		while (System.currentTimeMillis() < deadline) {
			engine.runOnce();
			long failing = jdbc.sql("""
					select count(*) from scenario.enrollment where scenario_id = :id and last_error is not null
					""").param("id", id).query(Long.class).single();
			if (failing == 2) {
				return id;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the engine did not fail on scenario " + id);
	}

	@Test
	void theActivationPreviewSaysWhoIsMessagedHeldOutOrLeftOutAndWhy() throws Exception {
		// of the segment's two members only Aiko opted in to email
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select id, 'EMAIL', 'OPT_IN', now(), 'test' from domain.customer
				where city = (select rule->>'value' from segmentation.segment where id = :segment) and name = 'Aiko'
				""").param("segment", this.segmentId).update();
		long content = this.contents
			.create(new ContentRequest("Preview", Channel.EMAIL, "Hi", "<p>Hi</p>", null, null, null), "test");
		long sendFirst = create(scenario("""
				[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]"""
			.formatted(content)).replace("\"controlPercent\":10", "\"controlPercent\":0"));
		this.mvc.perform(get("/api/scenarios/{id}/activation-preview", sendFirst).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.members").value(2))
			.andExpect(jsonPath("$.notReachable").value(1))
			.andExpect(jsonPath("$.higherPriority").value(0))
			.andExpect(jsonPath("$.alreadyEnrolled").value(0))
			.andExpect(jsonPath("$.control").value(0))
			.andExpect(jsonPath("$.treatment").value(1))
			.andExpect(jsonPath("$.firstStepSends").value(true));
		this.mvc.perform(get("/scenarios/{id}/activation-preview", sendFirst)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("m")
				.roles("MARKETER"))
			.header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("1 customers will be messaged now.")))
			.andExpect(content().string(containsString("1 cannot be reached")));
		long waitFirst = create(scenario(STEPS));
		this.mvc.perform(get("/api/scenarios/{id}/activation-preview", waitFirst).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.notReachable").value(0))
			.andExpect(jsonPath("$.firstStepSends").value(false))
			.andExpect(jsonPath("$.entryWait").value("P3D"))
			.andExpect(jsonPath("$.messagedNow").value(0));
		this.mvc.perform(get("/scenarios/{id}/activation-preview", waitFirst)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("a")
				.roles("ANALYST")))
			.andExpect(status().isForbidden());
	}

	@Test
	void theActivationRefusalIsInTheCallersLanguage() throws Exception {
		long id = create(scenario(STEPS));
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.post("/api/scenarios/" + id + "/activate")
				.with(TestUsers.basic(Role.MARKETER))
				.header("Accept-Language", "ja"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("scenario.conflict.testSendNeeded"))
			.andExpect(jsonPath("$.detail").value("シナリオ " + id + " は最後の編集の後にテスト送信が必要です。まず自分宛てにテスト送信してください。"));
	}

	@Test
	void anUnknownScenarioIsA404() throws Exception {
		this.mvc.perform(get("/api/scenarios/{id}", 987654321L).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isNotFound());
		post("/api/scenarios/987654321/pause", "", Role.MARKETER).andExpect(status().isNotFound());
	}

}
