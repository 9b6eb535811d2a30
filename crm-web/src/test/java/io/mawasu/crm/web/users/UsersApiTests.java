package io.mawasu.crm.web.users;

import java.util.UUID;

import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class UsersApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@BeforeEach
	void users() {
		TestUsers.ensure(this.accounts);
	}

	@Test
	void createsAUserWhoCanLogInAtOnce() throws Exception {
		String name = "api-" + UUID.randomUUID();
		create("{\"username\":\"" + name + "\",\"password\":\"a-long-password-1\",\"roles\":[\"MANAGER\",\"analyst\"]}")
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", endsWith("/api/admin/users/" + name)))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(content().json("{\"username\":\"" + name + "\",\"roles\":[\"ANALYST\",\"MANAGER\"]}", true));
		this.mvc.perform(get("/api/admin/users/" + name).with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value(name));
		this.mvc.perform(get("/api/admin/audit").with(httpBasic(name, "a-long-password-1")))
			.andExpect(status().isForbidden());
	}

	@Test
	void rejectsAnExistingNameInAnyCase() throws Exception {
		String name = "taken-" + UUID.randomUUID();
		create("{\"username\":\"" + name + "\",\"password\":\"a-long-password-1\",\"roles\":[\"ANALYST\"]}")
			.andExpect(status().isCreated());
		create("{\"username\":\"" + name.toUpperCase()
				+ "\",\"password\":\"a-long-password-1\",\"roles\":[\"ANALYST\"]}")
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(409))
			.andExpect(jsonPath("$.errors[0].field").value("username"))
			.andExpect(jsonPath("$.detail").value(containsString("already taken")));
	}

	@Test
	void rejectsAnUnknownRoleNamingTheField() throws Exception {
		rejected("{\"username\":\"r-" + UUID.randomUUID()
				+ "\",\"password\":\"a-long-password-1\",\"roles\":[\"ROOT\"]}", "roles", "Unknown role ROOT");
		rejected("{\"username\":\"r-" + UUID.randomUUID() + "\",\"password\":\"a-long-password-1\",\"roles\":[]}",
				"roles", "at least one role");
	}

	@Test
	void rejectsAWeakPasswordNamingTheField() throws Exception {
		rejected("{\"username\":\"w-" + UUID.randomUUID() + "\",\"password\":\"short-1\",\"roles\":[\"ANALYST\"]}",
				"password", "at least 12 characters");
		rejected("{\"username\":\"w-" + UUID.randomUUID() + "\",\"roles\":[\"ANALYST\"]}", "password",
				"at least 12 characters");
		rejected("{\"username\":\"weakling\",\"password\":\"weakling-1234\",\"roles\":[\"ANALYST\"]}", "password",
				"does not contain the user name");
		rejected(
				"{\"username\":\"w-" + UUID.randomUUID()
						+ "\",\"password\":\"aaaaaaaaaaaaaaa\",\"roles\":[\"ANALYST\"]}",
				"password", "one character repeated");
	}

	@Test
	void rejectsABlankOrMalformedUsernameNamingTheField() throws Exception {
		rejected("{\"username\":\"  \",\"password\":\"a-long-password-1\",\"roles\":[\"ANALYST\"]}", "username",
				"Enter a user name");
		rejected("{\"password\":\"a-long-password-1\",\"roles\":[\"ANALYST\"]}", "username", "Enter a user name");
		rejected("{\"username\":\"two words\",\"password\":\"a-long-password-1\",\"roles\":[\"ANALYST\"]}", "username",
				"no spaces");
	}

	@Test
	void answersInJapaneseWhenAsked() throws Exception {
		this.mvc
			.perform(post("/api/admin/users").with(TestUsers.basic(Role.ADMIN))
				.header("Accept-Language", "ja")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"ja-" + UUID.randomUUID()
						+ "\",\"password\":\"short\",\"roles\":[\"ANALYST\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value(containsString("12 文字以上")));
	}

	@Test
	void malformedJsonIsAProblem() throws Exception {
		create("{\"username\": ").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("not valid JSON")));
		create("{\"username\":\"x-y\",\"password\":\"a-long-password-1\",\"roles\":\"ANALYST\"}")
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("roles"));
	}

	@Test
	void unknownUserIsANotFoundProblem() throws Exception {
		this.mvc.perform(get("/api/admin/users/nobody-" + UUID.randomUUID()).with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("No user named")));
	}

	@Test
	void storesNothingWhenRejected() throws Exception {
		String name = "nothing-" + UUID.randomUUID();
		create("{\"username\":\"" + name + "\",\"password\":\"short\",\"roles\":[\"ANALYST\"]}")
			.andExpect(status().isBadRequest());
		assertThat(this.accounts.exists(name)).isFalse();
	}

	private ResultActions create(String json) throws Exception {
		return this.mvc.perform(post("/api/admin/users").with(TestUsers.basic(Role.ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	private void rejected(String json, String field, String message) throws Exception {
		create(json).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message").value(containsString(message)))
			.andExpect(jsonPath("$.detail").value(containsString(field + ": ")));
	}

}
