package io.mawasu.crm.web.edge;

import java.net.URI;
import java.util.Collections;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The edge rules through the real application: NUL characters, the body limit, rule
 * limits, text length limits, the Content-Security-Policy, the API docs' login and the
 * analyst's customer search.
 */
@CrmIntegrationTest
class EdgeTests {

	static final String CONDITION = "{\"field\":\"prefecture\",\"op\":\"contains\",\"value\":\"x\"}";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void users() {
		TestUsers.ensure(this.accounts);
	}

	ResultActions postJson(String path, String json) throws Exception {
		return this.mvc.perform(
				post(path).with(TestUsers.basic(Role.MARKETER)).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	@Test
	void aNulCharacterInJsonIsA400ProblemOnEveryApi() throws Exception {
		String rule = "{\"field\":\"city\",\"op\":\"eq\",\"value\":\"a\\u0000b\"}";
		for (String[] call : new String[][] { { "/api/segments/count", "{\"rule\":" + rule + "}" },
				{ "/api/segments", "{\"name\":\"n\\u0000\",\"rule\":{\"all\":[]}}" },
				{ "/api/contents", "{\"name\":\"c\\u0000\",\"channel\":\"EMAIL\",\"subject\":\"s\",\"body\":\"b\"}" },
				{ "/api/scenarios", "{\"name\":\"s\\u0000\",\"segmentId\":1,\"steps\":[]}" } }) {
			postJson(call[0], call[1]).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail", containsString("NUL")));
		}
		// a raw NUL byte too
		postJson("/api/segments/count", "{\"rule\":{\"field\":\"city\",\"op\":\"eq\",\"value\":\"a\0b\"}}")
			.andExpect(status().isBadRequest());
		// an escaped backslash followed by the text u0000 is no NUL
		postJson("/api/segments/count", "{\"rule\":{\"field\":\"city\",\"op\":\"eq\",\"value\":\"a\\\\u0000\"}}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.size").value(0));
	}

	@Test
	void aNulCharacterInAPageQueryOrFormFieldIsA400() throws Exception {
		for (String parameter : new String[] { "q", "tag", "prefecture" }) {
			this.mvc.perform(get("/customers").param(parameter, "a\0").with(user("m").roles("MARKETER")))
				.andExpect(status().isBadRequest());
		}
		this.mvc
			.perform(post("/segments/preview").param("rule", "{\"field\":\"city\",\"op\":\"eq\",\"value\":\"\\u0000\"}")
				.with(user("m").roles("MARKETER"))
				.with(csrf()))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get(URI.create("/customers/a%00b")).with(user("m").roles("MARKETER")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aJsonBodyOverTheLimitIs413() throws Exception {
		String big = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\",\"rule\":{\"all\":[]}}";
		postJson("/api/segments", big).andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("crm.web.max-body-size")));
	}

	@Test
	void textFieldsHaveLengthLimits() throws Exception {
		postJson("/api/segments", "{\"name\":\"" + "n".repeat(201) + "\",\"rule\":{\"all\":[]}}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("at most 200")));
		postJson("/api/scenarios", "{\"name\":\"" + "n".repeat(201) + "\",\"segmentId\":1,\"steps\":[]}")
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("at most 200")));
		this.mvc.perform(get("/customers").param("q", "q".repeat(201)).with(user("m").roles("MARKETER")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void largeRulesAre400sThatStateTheLimitNever500s() throws Exception {
		String flat = "{\"rule\":{\"any\":[" + String.join(",", Collections.nCopies(10_000, CONDITION)) + "]}}";
		postJson("/api/segments/count", flat).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("at most 200 conditions")));
		postJson("/api/segments", "{\"name\":\"big\"," + flat.substring(1)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("at most 200 conditions")));
		String deep = "{\"rule\":" + "{\"not\":".repeat(10_000) + CONDITION + "}".repeat(10_000) + "}";
		postJson("/api/segments/count", deep).andExpect(status().isBadRequest());
		String eleven = "{\"rule\":" + "{\"not\":".repeat(10) + CONDITION + "}".repeat(10) + "}";
		postJson("/api/segments/count", eleven).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("at most 10 levels")));
		StringBuilder values = new StringBuilder();
		for (int i = 0; i < 65_536; i++) {
			values.append((i > 0) ? "," : "").append("\"c").append(i).append('"');
		}
		postJson("/api/segments/count", "{\"rule\":{\"field\":\"city\",\"op\":\"in\",\"value\":[" + values + "]}}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("at most 10000")));
		// the largest list allowed runs as one array parameter
		String tenThousand = values.substring(0, values.indexOf(",\"c10000\""));
		postJson("/api/segments/count",
				"{\"rule\":{\"field\":\"city\",\"op\":\"notIn\",\"value\":[" + tenThousand + "]}}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.size").isNumber());
		postJson("/api/segments/count",
				"{\"rule\":{\"field\":\"purchasedCategory\",\"op\":\"in\",\"value\":[" + tenThousand + "]}}")
			.andExpect(status().isOk());
		postJson("/api/segments/count", "{\"rule\":{\"field\":\"tag\",\"op\":\"in\",\"value\":[" + tenThousand + "]}}")
			.andExpect(status().isOk());
		// the page's preview states the limit in its result
		this.mvc
			.perform(post("/segments/preview")
				.param("rule", "{\"any\":[" + String.join(",", Collections.nCopies(10_000, CONDITION)) + "]}")
				.header("Accept-Language", "en")
				.with(user("m").roles("MARKETER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("at most 200 conditions")));
	}

	@Test
	void pagesCarryAContentSecurityPolicyWhoseNonceTheirScriptsUse() throws Exception {
		MvcResult result = this.mvc.perform(get("/kpis").with(user("a").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", containsString("object-src 'none'")))
			.andReturn();
		String policy = result.getResponse().getHeader("Content-Security-Policy");
		Matcher nonce = Pattern.compile("'nonce-([^']+)'").matcher(policy);
		assertThat(nonce.find()).isTrue();
		String html = result.getResponse().getContentAsString();
		assertThat(html).contains("<script nonce=\"" + nonce.group(1) + "\"");
		assertThat(html).doesNotContain("<script>");
		this.mvc.perform(get("/login"))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")));
		this.mvc.perform(get("/api/segments").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(header().doesNotExist("Content-Security-Policy"));
	}

	@Test
	void apiDocsNeedALogin() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/v3/api-docs").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.openapi").exists());
		this.mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/swagger-ui/index.html"))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", containsString("/login")));
		this.mvc.perform(get("/swagger-ui/index.html").with(user("a").roles("ANALYST"))).andExpect(status().isOk());
	}

	@Test
	void anAnalystCannotFindACustomerByTheFullEmailTheySeeMasked() throws Exception {
		String prefix = "edge" + UUID.randomUUID().toString().substring(0, 8);
		String email = prefix + "@mail.example.com";
		this.jdbc.sql("insert into domain.customer (external_id, name, email) values (:id, 'Masked Person', :email)")
			.param("id", prefix)
			.param("email", email)
			.update();
		this.mvc.perform(get("/customers").param("q", email).with(user("a").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("/customers/" + prefix))));
		this.mvc.perform(get("/customers").param("q", prefix).with(user("a").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/customers/" + prefix)));
		this.mvc.perform(get("/customers").param("q", email).with(user("m").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/customers/" + prefix)));
	}

}
