package io.mawasu.crm.web.results;

import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The statistics endpoints on published vectors, and their 400s. */
@CrmIntegrationTest
class StatsApiTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@BeforeEach
	void users() {
		TestUsers.ensure(this.accounts);
	}

	@Test
	void twoProportionsAsStatsmodelsAndNewcombe() throws Exception {
		// statsmodels proportions_ztest([5, 12], [83, 99]) → z = -1.40783, p = 0.159181
		JsonNode t = JSON.readTree(this.mvc
			.perform(get("/api/stats/two-proportions").param("x1", "5")
				.param("n1", "83")
				.param("x2", "12")
				.param("n2", "99")
				.with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ci95.length()").value(2))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(t.get("p1").asDouble()).isCloseTo(5.0 / 83, within(1e-12));
		assertThat(t.get("p2").asDouble()).isCloseTo(12.0 / 99, within(1e-12));
		assertThat(t.get("difference").asDouble()).isCloseTo(5.0 / 83 - 12.0 / 99, within(1e-12));
		assertThat(t.get("relativeLift").asDouble()).isCloseTo((5.0 / 83 - 12.0 / 99) / (12.0 / 99), within(1e-12));
		assertThat(t.get("z").asDouble()).isCloseTo(-1.40783, within(5e-6));
		assertThat(t.get("pValue").asDouble()).isCloseTo(0.159181, within(5e-7));
		// Newcombe (1998) Table II: 56/70 vs 48/80 → (0.0524, 0.3339)
		JsonNode ci = JSON.readTree(this.mvc
			.perform(get("/api/stats/two-proportions").param("x1", "56")
				.param("n1", "70")
				.param("x2", "48")
				.param("n2", "80")
				.with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()).get("ci95");
		assertThat(ci.get(0).asDouble()).isCloseTo(0.0524, within(5e-5));
		assertThat(ci.get(1).asDouble()).isCloseTo(0.3339, within(5e-5));
		// both rates 0: no z, p = 1, no relative lift
		this.mvc
			.perform(get("/api/stats/two-proportions").param("x1", "0")
				.param("n1", "10")
				.param("x2", "0")
				.param("n2", "20")
				.with(TestUsers.basic(Role.MANAGER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.z").isEmpty())
			.andExpect(jsonPath("$.relativeLift").isEmpty())
			.andExpect(jsonPath("$.pValue").value(1.0));
	}

	@Test
	void badCountsAreProblemsNamingTheField() throws Exception {
		String[][] cases = { { "0", "0", "1", "2", "n1" }, { "-1", "5", "1", "2", "x1" }, { "1", "5", "3", "2", "x2" },
				{ "1.5", "5", "1", "2", "x1" }, { "1", "5", "1", "two", "n2" } };
		for (String[] c : cases) {
			this.mvc
				.perform(get("/api/stats/two-proportions").param("x1", c[0])
					.param("n1", c[1])
					.param("x2", c[2])
					.param("n2", c[3])
					.with(TestUsers.basic(Role.ANALYST)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value(c[4]));
		}
		this.mvc.perform(get("/api/stats/two-proportions").param("x1", "1").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("n1"));
	}

	@Test
	void sampleSizeAsRsPowerPropTest() throws Exception {
		// power.prop.test(p1 = .5, p2 = .75, power = .9) → n = 76.7 → 77 per group
		this.mvc
			.perform(get("/api/stats/sample-size").param("p1", "0.5")
				.param("p2", "0.75")
				.param("power", "0.9")
				.with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.perGroup").value(77));
		// defaults alpha = 0.05, power = 0.8: power.prop.test(p1 = .5, p2 = .75, power =
		// .8) → n = 57.67 → 58
		this.mvc
			.perform(get("/api/stats/sample-size").param("p1", "0.5")
				.param("p2", "0.75")
				.with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.perGroup").value(58));
		for (String[] bad : new String[][] { { "0", "0.5", "p1" }, { "0.5", "1", "p2" }, { "0.5", "0.5", "p2" },
				{ "5", "0.5", "p1" }, { "x", "0.5", "p1" } }) {
			this.mvc
				.perform(get("/api/stats/sample-size").param("p1", bad[0])
					.param("p2", bad[1])
					.with(TestUsers.basic(Role.ANALYST)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value(bad[2]))
				.andExpect(jsonPath("$.detail").value(containsString(bad[2])));
		}
		this.mvc.perform(get("/api/stats/sample-size").param("p1", "0.5").param("p2", "0.6"))
			.andExpect(status().isUnauthorized());
		this.mvc
			.perform(get("/api/stats/sample-size").param("p1", "0.5")
				.param("p2", "0.6")
				.with(TestUsers.basic(Role.CONTENT_EDITOR)))
			.andExpect(status().isForbidden());
	}

}
