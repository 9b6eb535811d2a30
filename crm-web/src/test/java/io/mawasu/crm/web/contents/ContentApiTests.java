package io.mawasu.crm.web.contents;

import java.util.UUID;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class ContentApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	String externalId;

	@BeforeEach
	void seed() {
		TestUsers.ensure(this.accounts);
		this.externalId = "contentapi-" + UUID.randomUUID();
		this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, phone, prefecture)
				values (:id, '<b>Taro</b>', 'taro@example.jp', '090-1234-5678', 'Tokyo')
				""").param("id", this.externalId).update();
	}

	static final String EMAIL = """
			{"name":"Welcome","channel":"EMAIL","subject":"Hello {{name|there}}",
			 "body":"<p>Hi {{name}} from {{prefecture}}, we write to {{email}}</p><a href=\\"https://shop.example.jp/\\">shop</a>",
			 "variants":[{"key":"B","subject":"Hey {{name}}","body":"<p>B for {{name}}</p>","weight":50}]}
			""";

	long create(Role role, String json) throws Exception {
		String body = this.mvc.perform(
				post("/api/contents").with(TestUsers.basic(role)).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/contents/")))
			.andExpect(jsonPath("$.id").isNumber())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Long.parseLong(body.replaceAll("\\D", ""));
	}

	@Test
	void createsReadsListsAndReplacesContentAndAuditsIt() throws Exception {
		long id = create(Role.CONTENT_EDITOR, EMAIL);
		this.mvc.perform(get("/api/contents/{id}", id).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.name").value("Welcome"))
			.andExpect(jsonPath("$.channel").value("EMAIL"))
			.andExpect(jsonPath("$.variants[0].key").value("A"))
			.andExpect(jsonPath("$.variants[1].key").value("B"))
			.andExpect(jsonPath("$.variants[1].weight").value(50));
		this.mvc.perform(get("/api/contents").with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == " + id + ")].name").value("Welcome"));
		this.mvc.perform(put("/api/contents/{id}", id).with(TestUsers.basic(Role.MARKETER))
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"name\":\"Renamed\",\"channel\":\"EMAIL\",\"subject\":\"Sale\",\"body\":\"<p>Sale today, {{name|you}}</p>\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id));
		this.mvc.perform(get("/api/contents/{id}", id).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(jsonPath("$.name").value("Renamed"))
			.andExpect(jsonPath("$.variants.length()").value(1));
		this.mvc
			.perform(put("/api/contents/{id}", id).with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Short\",\"channel\":\"SMS\",\"body\":\"Sale\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("channel"));
		this.mvc
			.perform(put("/api/contents/{id}", Long.MAX_VALUE).with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\",\"channel\":\"SMS\",\"body\":\"x\"}"))
			.andExpect(status().isNotFound());
		assertThat(this.jdbc.sql("select action from web.audit_log where target = :t order by id")
			.param("t", "content:" + id)
			.query(String.class)
			.list()).containsExactly("content.create", "content.update");
	}

	@Test
	void rejectsAnUnknownPlaceholderNamingTheField() throws Exception {
		this.mvc
			.perform(post("/api/contents").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Bad\",\"channel\":\"EMAIL\",\"subject\":\"Hi {{nmae}}\",\"body\":\"<p>x</p>\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.field").value("subject"))
			.andExpect(jsonPath("$.errors[0].field").value("subject"))
			.andExpect(jsonPath("$.errors[0].message", containsString("{{nmae}}")));
		this.mvc
			.perform(post("/api/contents").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Bad\",\"channel\":\"FAX\",\"body\":\"x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("channel"));
	}

	@Test
	void boundsTheSubjectAndTheNumberOfVariantsNamingTheFieldInTheCallersLanguage() throws Exception {
		String email = "{\"name\":\"Long\",\"channel\":\"EMAIL\",\"subject\":\"%s\",\"body\":\"<p>x</p>\"%s}";
		create(Role.MARKETER, email.formatted("件".repeat(500), ""));
		this.mvc
			.perform(post("/api/contents").with(TestUsers.basic(Role.MARKETER))
				.header("Accept-Language", "ja")
				.contentType(MediaType.APPLICATION_JSON)
				.content(email.formatted("件".repeat(501), "")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("subject"))
			.andExpect(jsonPath("$.detail").value("subject: 500文字以内にしてください"));
		String variant = "{\"key\":\"B\",\"subject\":\"%s\",\"body\":\"<p>B</p>\"}";
		this.mvc
			.perform(post("/api/contents").with(TestUsers.basic(Role.MARKETER))
				.header("Accept-Language", "en")
				.contentType(MediaType.APPLICATION_JSON)
				.content(email.formatted("Hi", ",\"variants\":[" + variant.formatted("x".repeat(501)) + "]")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("variants[0].subject"))
			.andExpect(jsonPath("$.detail").value("variants[0].subject: may have at most 500 characters"));
		String many = String.join(",", java.util.Collections.nCopies(26, variant.formatted("B")));
		this.mvc
			.perform(put("/api/contents/{id}", 987654321L).with(TestUsers.basic(Role.MARKETER))
				.header("Accept-Language", "en")
				.contentType(MediaType.APPLICATION_JSON)
				.content(email.formatted("Hi", ",\"variants\":[" + many + "]")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("variants"))
			.andExpect(jsonPath("$.detail").value("variants: may have at most 25 entries"));
	}

	@Test
	void onlyContentRolesMayUseContent() throws Exception {
		for (Role role : new Role[] { Role.ANALYST, Role.MANAGER }) {
			this.mvc
				.perform(post("/api/contents").with(TestUsers.basic(role))
					.contentType(MediaType.APPLICATION_JSON)
					.content(EMAIL))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			this.mvc.perform(get("/api/contents").with(TestUsers.basic(role))).andExpect(status().isForbidden());
		}
		this.mvc.perform(get("/api/contents")).andExpect(status().isUnauthorized());
	}

	@Test
	void previewsAVariantForACustomer() throws Exception {
		long id = create(Role.MARKETER, EMAIL);
		this.mvc
			.perform(get("/api/contents/{id}/preview", id).param("customer", this.externalId)
				.with(TestUsers.basic(Role.CONTENT_EDITOR)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.channel").value("EMAIL"))
			.andExpect(jsonPath("$.subject").value("Hello <b>Taro</b>"))
			.andExpect(jsonPath("$.html", containsString("Hi &lt;b&gt;Taro&lt;/b&gt; from Tokyo")))
			.andExpect(jsonPath("$.html", containsString("taro@example.jp")));
		this.mvc
			.perform(get("/api/contents/{id}/preview", id).param("customer", this.externalId)
				.param("variant", "B")
				.with(TestUsers.basic(Role.CONTENT_EDITOR)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.subject").value("Hey <b>Taro</b>"));
		this.mvc
			.perform(get("/api/contents/{id}/preview", id).param("customer", "nobody-" + UUID.randomUUID())
				.with(TestUsers.basic(Role.CONTENT_EDITOR)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail", containsString("nobody-")));
	}

}
