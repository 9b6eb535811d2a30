package io.mawasu.crm.web.imports;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.mawasu.crm.web.CrmIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class ImportPageIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Test
	void uploadRunsInTheBackgroundAndShowsTheResultWithRejectedLines() throws Exception {
		this.mvc.perform(get("/import").with(user("marketer").roles("MARKETER")).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"import-form\"")))
			.andExpect(content().string(containsString("id=\"import-submit\"")))
			.andExpect(content().string(containsString("CSVインポート")));
		String p = "pg" + UUID.randomUUID().toString().substring(0, 8) + "-";
		MockMultipartFile file = new MockMultipartFile("file", "page.csv", "text/csv",
				"external_id,gender,phone\n%1$s1,F,\n%1$s2,Z,\n%1$s3,F,not a phone\n".formatted(p)
					.getBytes(StandardCharsets.UTF_8));
		MvcResult upload = this.mvc
			.perform(multipart("/import").file(file)
				.param("kind", "CUSTOMERS")
				.param("charset", "")
				.with(user("marketer").roles("MARKETER"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = upload.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/import?job=");
		String job = location.substring("/import?job=".length());
		String fragment = "";
		for (int i = 0; i < 300 && !fragment.contains("import-result"); i++) {
			fragment = this.mvc.perform(get("/import/jobs/" + job).with(user("marketer").roles("MARKETER")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			if (!fragment.contains("import-result")) {
				assertThat(fragment).contains("hx-trigger=\"every 1s\"");
				Thread.sleep(100);
			}
		}
		assertThat(fragment).contains("id=\"import-inserted\">2<").contains("gender").doesNotContain("hx-trigger");
		// the stored result is worded in the language of whoever reads it
		this.mvc
			.perform(
					get("/import/jobs/" + job).with(user("marketer").roles("MARKETER")).header("Accept-Language", "ja"))
			.andExpect(content().string(containsString("「Z」は性別ではありません。F、M、O のいずれかを指定してください")))
			.andExpect(content().string(containsString("id=\"import-warnings\"")))
			.andExpect(content().string(containsString("「not a phone」は電話番号ではありません。")));
		this.mvc
			.perform(
					get("/import/jobs/" + job).with(user("marketer").roles("MARKETER")).header("Accept-Language", "en"))
			.andExpect(content().string(containsString("is not a gender; use F, M or O")))
			.andExpect(content().string(containsString("is not a phone number; the customer is stored without")));
		this.mvc.perform(get(location).with(user("marketer").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"import-result\"")))
			.andExpect(content().string(containsString("<td class=\"num\">3</td>")));
		this.mvc.perform(get("/import/jobs/" + job).with(user("admin").roles("ADMIN")))
			.andExpect(status().isNotFound());
	}

	@Test
	void onlyImportersSeeThePage() throws Exception {
		this.mvc.perform(get("/import").with(user("analyst").roles("ANALYST"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/import")).andExpect(status().is3xxRedirection());
	}

}
