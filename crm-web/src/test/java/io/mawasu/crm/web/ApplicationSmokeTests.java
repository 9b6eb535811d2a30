package io.mawasu.crm.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class ApplicationSmokeTests {

	@Autowired
	MockMvc mvc;

	@Test
	void pagesRequireLogin() throws Exception {
		this.mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void firstAdminCanUseTheApiWithBasicAuth() throws Exception {
		this.mvc.perform(get("/").with(httpBasic("admin", TestUsers.PASSWORD))).andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/api/admin/audit").with(httpBasic("admin", "wrong")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void loginPageRendersInJapanese() throws Exception {
		this.mvc.perform(get("/login").header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("ログイン")));
	}

}
