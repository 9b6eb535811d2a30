package io.mawasu.crm.web.cycles;

import io.mawasu.crm.analytics.Cycles;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The dashboard, the cycle page's tabs, the board page and the home to-do fragment. */
class CyclePageTests extends CycleTestSupport {

	@Autowired
	Cycles cycles;

	long id;

	@BeforeEach
	void seedCycle() throws Exception {
		this.id = createCycle(this.fixtures.body(this.fixtures.quietScenarioId));
	}

	@Test
	void theDashboardShowsEveryCycleOnItsTrackAndTheNavLinksToIt() throws Exception {
		this.mvc.perform(get("/cycles").with(user("analyst").roles("ANALYST")).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"cycle-" + this.id + "\"")))
			.andExpect(content().string(containsString("data-stage=\"PLAN\"")))
			.andExpect(content().string(containsString("href=\"/cycles\"")));
	}

	@Test
	void approvingOnThePlanTabAndOpeningTheCheckTabMoveTheStage() throws Exception {
		this.mvc.perform(get("/cycles/todo").with(user("manager").roles("MANAGER")).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("/cycles/" + this.id + "?tab=plan")));
		this.mvc.perform(post("/cycles/{id}/approve", this.id).with(user("marketer").roles("MARKETER")).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/cycles/{id}/approve", this.id).with(user("manager").roles("MANAGER")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.fixtures.launchQuietScenario();
		this.mvc.perform(get("/cycles/{id}", this.id).param("tab", "do").with(user("analyst").roles("ANALYST")))
			.andExpect(content().string(containsString("id=\"cycle-stage\">Do<")));
		this.mvc
			.perform(get("/cycles/{id}", this.id).param("tab", "check")
				.with(user("analyst").roles("ANALYST"))
				.header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"cycle-stage\">Check<")));
		this.mvc.perform(get("/api/cycles/{id}", this.id).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(jsonPath("$.stage").value("CHECK"));
		this.mvc
			.perform(post("/cycles/{id}/decisions", this.id).param("scenarioId", "" + this.fixtures.quietScenarioId)
				.param("decision", "CONTINUE")
				.param("reason", "効果あり")
				.with(user("manager").roles("MANAGER"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/cycles/{id}", this.id).param("tab", "act").with(user("manager").roles("MANAGER")))
			.andExpect(content().string(containsString("効果あり")))
			.andExpect(content().string(containsString("id=\"next-cycle\"")));
	}

	@Test
	void theBoardPageWritesCardsThroughHtmxAndListensToTheStream() throws Exception {
		this.mvc.perform(get("/cycles/{id}/kpt", this.id).with(user("content_editor").roles("CONTENT_EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("sse-connect=\"/api/cycles/" + this.id + "/kpt/events\"")))
			.andExpect(content().string(containsString("hx-ext=\"sse\"")));
		this.mvc
			.perform(post("/cycles/{id}/kpt/cards", this.id).param("column", "TRY")
				.param("text", "<b>太字</b>を試す")
				.with(user("content_editor").roles("CONTENT_EDITOR"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("&lt;b&gt;太字&lt;/b&gt;を試す")))
			.andExpect(content().string(not(containsString("<b>太字</b>"))));
		this.mvc
			.perform(post("/cycles/{id}/kpt/cards", this.id).param("column", "TRY")
				.param("text", " ")
				.with(user("content_editor").roles("CONTENT_EDITOR"))
				.with(csrf()))
			.andExpect(content().string(containsString("id=\"board-failure\"")));
	}

}
