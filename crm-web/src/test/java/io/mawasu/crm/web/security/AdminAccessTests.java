package io.mawasu.crm.web.security;

import java.util.UUID;

import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may reach the admin pages and endpoints: 200 for ADMIN, 403 for others, 401/login
 * for nobody.
 */
@CrmIntegrationTest
class AdminAccessTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@BeforeEach
	void users() {
		TestUsers.ensure(this.accounts);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/admin/users", "/admin/audit" })
	void adminPagesNeedLogin(String path) throws Exception {
		this.mvc.perform(get(path)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void adminPagesAreForAdminsOnly(Role role) throws Exception {
		for (String path : new String[] { "/admin/users", "/admin/audit" }) {
			this.mvc.perform(get(path).with(user(TestUsers.username(role)).roles(role.name())))
				.andExpect((role == Role.ADMIN) ? status().isOk() : status().isForbidden());
		}
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void auditApiIsForAdminsOnly(Role role) throws Exception {
		if (role == Role.ADMIN) {
			this.mvc.perform(get("/api/admin/audit").with(TestUsers.basic(role))).andExpect(status().isOk());
		}
		else {
			this.mvc.perform(get("/api/admin/audit").with(TestUsers.basic(role)))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(403))
				.andExpect(jsonPath("$.detail").value(startsWith("Your user lacks the role")));
		}
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void creatingUsersThroughTheApiIsForAdminsOnly(Role role) throws Exception {
		String body = "{\"username\":\"access-" + UUID.randomUUID()
				+ "\",\"password\":\"a-long-password-1\",\"roles\":[\"ANALYST\"]}";
		this.mvc
			.perform(post("/api/admin/users").with(TestUsers.basic(role))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect((role == Role.ADMIN) ? status().isCreated() : status().isForbidden());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/admin/audit", "/api/admin/users/admin" })
	void apiWithoutCredentialsIsAProblemWithABasicChallenge(String path) throws Exception {
		this.mvc.perform(get(path))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", startsWith("Basic realm=")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.instance").value(path));
		this.mvc.perform(get(path).with(httpBasic(TestUsers.username(Role.ANALYST), "not-the-password")))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", startsWith("Basic realm=")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void logoutIsPostOnly() throws Exception {
		this.mvc.perform(get("/logout").with(user("marketer").roles("MARKETER"))).andExpect(status().isNotFound());
		this.mvc.perform(post("/logout").with(user("marketer").roles("MARKETER"))).andExpect(status().isForbidden());
		this.mvc.perform(post("/logout").with(user("marketer").roles("MARKETER")).with(csrf()))
			.andExpect(redirectedUrl("/login?logout"));
	}

	@ParameterizedTest
	@CsvSource({ "en, 'Wrong user name or password'", "ja, 'ユーザー名またはパスワードが違う'" })
	void aFailedLoginSaysSoInBothLanguages(String language, String message) throws Exception {
		this.mvc.perform(get("/login?error").header("Accept-Language", language))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(message)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/admin/users" })
	void securityHeadersAreSent(String path) throws Exception {
		this.mvc.perform(get(path).with(user("admin").roles("ADMIN")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("Referrer-Policy", "same-origin"));
	}

}
