package io.mawasu.crm.web.api;

import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The API's problem+json {@code detail} follows the request's Accept-Language (Japanese
 * or English), from the security filters as well as from the controllers.
 */
@CrmIntegrationTest
class ApiLanguageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@BeforeEach
	void users() {
		TestUsers.ensure(this.accounts);
	}

	@Test
	void aMissingRoleIsExplainedInJapaneseOrEnglish() throws Exception {
		this.mvc.perform(get("/api/admin/audit").with(TestUsers.basic(Role.ANALYST)).header("Accept-Language", "ja"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("このリクエストに必要なロールがありません。管理者（ADMIN）に依頼してください。"));
		this.mvc.perform(get("/api/admin/audit").with(TestUsers.basic(Role.ANALYST)).header("Accept-Language", "en-US"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail")
				.value("Your user lacks the role this request needs; ask an administrator (ADMIN) for it."));
	}

	@Test
	void missingAuthenticationIsExplainedInJapanese() throws Exception {
		this.mvc.perform(get("/api/customers").header("Accept-Language", "ja,en;q=0.5"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("認証が必要です。")));
	}

	@Test
	void unreadableJsonIsExplainedInJapanese() throws Exception {
		this.mvc
			.perform(post("/api/admin/users").with(TestUsers.basic(Role.ADMIN))
				.header("Accept-Language", "ja")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\": "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("リクエスト本文が正しいJSONではありません（1 行")));
	}

}
