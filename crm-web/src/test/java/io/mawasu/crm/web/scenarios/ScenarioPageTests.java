package io.mawasu.crm.web.scenarios;

import java.util.UUID;

import io.mawasu.crm.scenario.ScenarioEngine;
import io.mawasu.crm.scenario.ScenarioStatus;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.CrmIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class ScenarioPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Segments segments;

	@Autowired
	Scenarios scenarios;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ScenarioEngine engine;

	long segmentId;

	String city;

	@BeforeEach
	void seed() {
		this.city = "scenpage-" + UUID.randomUUID();
		this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, city) values
				(:city || '-1', 'Aiko', 'aiko@example.jp', :city), (:city || '-2', 'Bunta', 'bunta@example.jp', :city)
				""").param("city", this.city).update();
		this.segmentId = this.segments.create("Scenario page " + this.city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + this.city + "\"}"), "test");
	}

	String exitOnly(String name) {
		return "{\"name\":\"" + name + "\",\"segmentId\":" + this.segmentId
				+ ",\"priority\":5,\"controlPercent\":0,\"steps\":[{\"key\":\"x\",\"type\":\"EXIT\"}]}";
	}

	@Test
	void theBuilderShowsTheEnginesFailuresOnTop() throws Exception {
		long id = ScenarioApiTests.failingScenario(this.jdbc, this.engine, this.segments, this.segmentId);
		this.mvc.perform(get("/scenarios/{id}", id).with(user("a").roles("ANALYST")).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"scenario-failures\"")))
			.andExpect(content().string(containsString("このシナリオの実行でエラーが発生しました")))
			.andExpect(content().string(containsString("timestamp out of range")));
		this.mvc.perform(get("/scenarios/{id}", id).with(user("a").roles("ANALYST")).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("Enrolments waiting for a retry: 2.")));
		long fine = this.scenarios.create(exitOnly("Fine " + this.city), "test");
		this.mvc.perform(get("/scenarios/{id}", fine).with(user("a").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"scenario-failures\""))));
	}

	@Test
	void listAndBuilderRenderInBothLanguages() throws Exception {
		this.mvc.perform(get("/scenarios").with(user("a").roles("ANALYST")).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("シナリオ")))
			.andExpect(content().string(not(containsString("id=\"scenario-new\""))));
		this.mvc.perform(get("/scenarios").with(user("m").roles("MARKETER")).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"scenario-new\"")));
		this.mvc.perform(get("/scenarios/new").with(user("m").roles("MARKETER")).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"scenario-json\"")))
			.andExpect(content().string(containsString("後ろにステップを追加")))
			.andExpect(content().string(containsString("Scenario page " + this.city)));
		this.mvc.perform(get("/scenarios/new").with(user("m").roles("MARKETER")).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Add a step after")));
	}

	@Test
	void onlyMarketersAndAdminsEditOrRun() throws Exception {
		long id = this.scenarios.create(exitOnly("Roles " + this.city), "test");
		this.mvc.perform(get("/scenarios/new").with(user("a").roles("ANALYST"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/scenarios/new").with(user("e").roles("CONTENT_EDITOR")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(
					post("/scenarios").param("definition", exitOnly("x")).with(user("a").roles("MANAGER")).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/scenarios/{id}/activate", id).with(user("a").roles("ANALYST")).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/scenarios/{id}", id).with(user("a").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"counts-table\"")))
			.andExpect(content().string(not(containsString("id=\"scenario-activate\""))))
			.andExpect(content().string(containsString("id=\"flow\"")))
			.andExpect(content().string(containsString("data-editable=\"false\"")))
			.andExpect(content().string(not(containsString("id=\"step-actions\""))))
			.andExpect(content().string(not(containsString("id=\"step-editor\""))))
			.andExpect(content().string(not(containsString("id=\"scenario-save\""))));
	}

	@Test
	void showsTheErrorNamingTheStep() throws Exception {
		String bad = "{\"name\":\"Bad " + this.city + "\",\"segmentId\":" + this.segmentId
				+ ",\"steps\":[{\"key\":\"w1\",\"type\":\"WAIT\",\"duration\":\"three days\",\"next\":\"x\"},"
				+ "{\"key\":\"x\",\"type\":\"EXIT\"}]}";
		this.mvc.perform(post("/scenarios").param("definition", bad).with(user("m").roles("MARKETER")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"scenario-problem\"")))
			.andExpect(content().string(containsString("step &quot;w1&quot;")))
			.andExpect(content().string(containsString("data-error-step=\"w1\"")))
			.andExpect(content().string(containsString("three days")));
		assertThat(this.scenarios.list()).noneMatch((s) -> s.name().equals("Bad " + this.city));
	}

	@Test
	void savesRunsAndShowsConflictsAndTheFourRPanel() throws Exception {
		this.mvc
			.perform(post("/scenarios").param("definition", exitOnly("Run " + this.city))
				.with(user("m").roles("MARKETER"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/scenarios/*"));
		long id = this.scenarios.list()
			.stream()
			.filter((s) -> s.name().equals("Run " + this.city))
			.findFirst()
			.orElseThrow()
			.id();
		this.mvc.perform(post("/scenarios/{id}/activate", id).with(user("m").roles("MARKETER")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("problem", containsString("test-send")));
		this.mvc
			.perform(post("/scenarios/{id}/test-send", id).param("to", "team@example.com")
				.with(user("m").roles("MARKETER"))
				.with(csrf()))
			.andExpect(flash().attribute("notice", "scenarios.testSent"));
		this.mvc.perform(post("/scenarios/{id}/activate", id).with(user("m").roles("ADMIN")).with(csrf()))
			.andExpect(flash().attribute("notice", "scenarios.done.activate"));
		assertThat(this.scenarios.find(id).orElseThrow().status()).isEqualTo(ScenarioStatus.ACTIVE);
		this.mvc.perform(get("/scenarios/{id}", id).with(user("m").roles("MARKETER")).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"scenario-status\">Active<")))
			.andExpect(content().string(containsString("id=\"four-r-panel\"")))
			.andExpect(content().string(containsString("id=\"reach-EMAIL\"")))
			.andExpect(content().string(containsString("id=\"realistic\"")))
			.andExpect(content().string(containsString("id=\"response-treatment\">2<")))
			.andExpect(content().string(containsString("id=\"response-treatment-goal\">0<")));
		// the entry segment's own 4R panel now shows the scenario's Response
		this.mvc.perform(get("/segments/{id}", this.segmentId).with(user("a").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"segment-responses\"")))
			.andExpect(content().string(containsString("Run " + this.city)));
		this.mvc.perform(get("/scenarios/{id}/counts", id).with(user("a").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"counts-table\"")));
		this.mvc.perform(post("/scenarios/{id}/resume", id).with(user("m").roles("MARKETER")).with(csrf()))
			.andExpect(flash().attribute("problem", containsString("PAUSED")));
		this.mvc.perform(get("/scenarios").with(user("a").roles("ANALYST")))
			.andExpect(content().string(containsString("Run " + this.city)));
		this.mvc
			.perform(post("/scenarios/{id}/test-send", Long.MAX_VALUE).param("to", "team@example.com")
				.with(user("m").roles("MARKETER"))
				.with(csrf()))
			.andExpect(status().isNotFound());
	}

}
