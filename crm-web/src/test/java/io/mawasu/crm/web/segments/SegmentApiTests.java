package io.mawasu.crm.web.segments;

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

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class SegmentApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	String city;

	@BeforeEach
	void seed() {
		TestUsers.ensure(this.accounts);
		this.city = "segapi-" + UUID.randomUUID();
		// Two customers in a city of their own: one reachable by EMAIL and SMS, one by
		// LINE.
		this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, phone, phone_e164, line_user_id, city) values
				(:city || '-a', 'Aiko', 'aiko@example.jp', '090-1234-5678', '+819012345678', null, :city),
				(:city || '-b', 'Bunta', null, null, null, 'U-b', :city)
				""").param("city", this.city).update();
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select c.id, v.channel, 'OPT_IN', now(), 'test' from domain.customer c
				join (values ('-a', 'EMAIL'), ('-a', 'SMS'), ('-b', 'LINE'), ('-b', 'EMAIL')) v(suffix, channel)
					on c.external_id = :city || v.suffix
				""").param("city", this.city).update();
	}

	String rule() {
		return "{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + this.city + "\"}";
	}

	long create(String rule) throws Exception {
		String body = this.mvc
			.perform(post("/api/segments").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"API test\",\"rule\":" + rule + "}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/segments/")))
			.andExpect(jsonPath("$.id").isNumber())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Long.parseLong(body.replaceAll("\\D", ""));
	}

	@Test
	void createsASegmentAndCountsItLive() throws Exception {
		long id = create(rule());
		this.mvc.perform(get("/api/segments/{id}/count", id).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"size\":2,\"reachable\":{\"EMAIL\":1,\"LINE\":1,\"SMS\":1}}", true));
		this.mvc
			.perform(post("/api/segments/count").with(TestUsers.basic(Role.ANALYST))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"rule\":{\"all\":[" + rule()
						+ ",{\"field\":\"consent\",\"op\":\"eq\",\"value\":\"LINE\"}]}}"))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"size\":1,\"reachable\":{\"EMAIL\":0,\"LINE\":1,\"SMS\":0}}", true));
	}

	@Test
	void membersAreMaskedForAnalystsAndPaged() throws Exception {
		long id = create(rule());
		this.mvc
			.perform(get("/api/segments/{id}/members", id).param("page", "0")
				.param("size", "1")
				.with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].externalId").value(this.city + "-a"))
			.andExpect(jsonPath("$.content[0].name").value("Aiko"))
			.andExpect(jsonPath("$.content[0].email").value("a***@example.jp"))
			.andExpect(jsonPath("$.content[0].phone").value("090-****-5678"))
			.andExpect(jsonPath("$.page.size").value(1))
			.andExpect(jsonPath("$.page.number").value(0))
			.andExpect(jsonPath("$.page.totalElements").value(2))
			.andExpect(jsonPath("$.page.totalPages").value(2));
		this.mvc.perform(get("/api/segments/{id}/members", id).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].email").value("aiko@example.jp"))
			.andExpect(jsonPath("$.content[1].externalId").value(this.city + "-b"));
	}

	@Test
	void invalidRulesAreProblemsNamingTheFieldAndPath() throws Exception {
		this.mvc
			.perform(post("/api/segments").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"bad\",\"rule\":{\"all\":[" + rule()
						+ ",{\"field\":\"age\",\"op\":\"gte\",\"value\":\"thirty\"}]}}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.path").value("all[1].value"))
			.andExpect(jsonPath("$.detail", containsString("'age'")));
		this.mvc
			.perform(post("/api/segments").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"bad\",\"rule\":{\"field\":\"shoeSize\",\"op\":\"eq\",\"value\":1}}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.path").value("field"))
			.andExpect(jsonPath("$.detail", containsString("shoeSize")));
		this.mvc
			.perform(post("/api/segments/count").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"rule\":{\"field\":\"age\",\"op\":\"contains\",\"value\":1}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.path").value("op"))
			.andExpect(jsonPath("$.detail", containsString("contains")));
		this.mvc
			.perform(post("/api/segments").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"rule\":" + rule() + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("name")));
	}

	@Test
	void analystsMayNotCreateSegments() throws Exception {
		this.mvc
			.perform(post("/api/segments").with(TestUsers.basic(Role.ANALYST))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\",\"rule\":" + rule() + "}"))
			.andExpect(status().isForbidden());
	}

	@Test
	void unknownSegmentIsNotFound() throws Exception {
		this.mvc.perform(get("/api/segments/{id}/count", Long.MAX_VALUE).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/segments/count").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().is(greaterThan(399)));
	}

}
