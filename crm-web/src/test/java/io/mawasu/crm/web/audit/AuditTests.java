package io.mawasu.crm.web.audit;

import java.util.List;
import java.util.UUID;

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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class AuditTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JsonMapper json;

	@Autowired
	AuditLog audit;

	@BeforeEach
	void users() {
		TestUsers.ensure(this.accounts);
	}

	@Test
	void loginsFailuresLogoutsAndNewUsersAreAuditedAndListedNewestFirst() throws Exception {
		String address = "192.0.2." + (1 + (int) (Math.random() * 250));
		String stranger = "stranger-" + UUID.randomUUID();
		this.mvc.perform(post("/login").param("username", stranger)
			.param("password", "guess-password-1")
			.with(csrf())
			.with((request) -> {
				request.setRemoteAddr(address);
				return request;
			})).andExpect(redirectedUrl("/login?error"));

		MvcResult login = this.mvc
			.perform(post("/login").param("username", TestUsers.username(Role.MARKETER))
				.param("password", TestUsers.PASSWORD)
				.with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn();
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession();
		this.mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));

		String created = "audited-" + UUID.randomUUID();
		this.mvc
			.perform(post("/api/admin/users").with(TestUsers.basic(Role.ADMIN))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + created
						+ "\",\"password\":\"a-long-password-1\",\"roles\":[\"ANALYST\"]}"))
			.andExpect(status().isCreated());

		String body = this.mvc.perform(get("/api/admin/audit?limit=50").with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode entries = this.json.readTree(body);
		assertThat(entries.size()).isLessThanOrEqualTo(50);
		List<String> actions = entries.valueStream()
			.map((entry) -> entry.get("action").asString() + " " + text(entry, "username") + " " + text(entry, "target")
					+ " " + text(entry, "ip"))
			.toList();
		assertThat(actions).containsSubsequence("USER_CREATED admin " + created + " ANALYST 127.0.0.1",
				"LOGOUT marketer null 127.0.0.1", "LOGIN_SUCCESS marketer null 127.0.0.1",
				"LOGIN_FAILURE " + stranger + " null " + address);
		JsonNode first = entries.get(0);
		assertThat(first.propertyNames()).containsExactlyInAnyOrder("at", "username", "action", "target", "ip");
		List<String> times = entries.valueStream().map((entry) -> entry.get("at").asString()).toList();
		assertThat(times)
			.isSortedAccordingTo((a, b) -> java.time.Instant.parse(b).compareTo(java.time.Instant.parse(a)));
	}

	@Test
	void limitsTheApiAndRejectsABadLimit() throws Exception {
		this.mvc.perform(get("/api/admin/audit?limit=1").with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1));
		this.mvc.perform(get("/api/admin/audit?limit=0").with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
		this.mvc.perform(get("/api/admin/audit?limit=many").with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
	}

	@Test
	void thePageShowsActionsByTheirLabels() throws Exception {
		this.audit.record("label-test", "LOGIN_SUCCESS", null, "127.0.0.1", null);
		this.mvc.perform(get("/admin/audit").with(user("admin").roles("ADMIN")).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("title=\"LOGIN_SUCCESS\">ログイン<")));
		this.mvc.perform(get("/admin/audit").with(user("admin").roles("ADMIN")).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("title=\"LOGIN_SUCCESS\">Logged in<")));
	}

	@Test
	void thePageShowsEntriesAPageAtATime() throws Exception {
		this.mvc.perform(get("/admin/audit").with(user("admin").roles("ADMIN")).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("監査ログ")))
			.andExpect(content().string(containsString("1 ページ")));
		this.mvc.perform(get("/admin/audit?page=100000").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No entries yet.")));
	}

	private static String text(JsonNode entry, String field) {
		JsonNode value = entry.get(field);
		return (value == null || value.isNull()) ? "null" : value.asString();
	}

}
