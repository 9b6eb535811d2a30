package io.mawasu.crm.web.customers;

import java.util.ArrayList;
import java.util.List;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class CustomerApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	CustomerFixtures fixtures;

	String externalId;

	@BeforeEach
	void seed() {
		TestUsers.ensure(this.accounts);
		this.fixtures = new CustomerFixtures(this.jdbc);
		this.externalId = CustomerFixtures.uniquePrefix("api") + "1";
		long id = this.fixtures.customer(this.externalId, "山田 花子", "hanako@example.com", "090-1234-5678", "東京都", "F",
				"vip", "line");
		this.jdbc.sql("""
				update domain.customer set line_user_id = 'U1234', birth_date = date '1990-04-05', city = '渋谷区',
					registered_at = timestamptz '2024-01-02 01:00:00Z'
				where id = :id
				""").param("id", id).update();
		this.fixtures.consent(id, "EMAIL", "OPT_IN", "2025-01-01T00:00:00Z");
		this.fixtures.consent(id, "LINE", "OPT_OUT", "2025-02-01T00:00:00Z");
		this.fixtures.order(id, this.externalId + "-o1", "2026-09-30T15:30:00Z", "10000");
		this.fixtures.order(id, this.externalId + "-o2", "2026-10-01T03:00:00Z", "2345.50");
		this.fixtures.summarise(id);
	}

	@Test
	void customerHasTheContractShape() throws Exception {
		String body = this.mvc.perform(get("/api/customers/{id}", this.externalId).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse()
			.getContentAsString();

		JsonNode json = JsonMapper.builder().build().readTree(body);
		List<String> fields = new ArrayList<>(json.propertyNames());
		assertThat(fields).containsExactly("externalId", "name", "email", "phone", "lineUserId", "gender", "birthDate",
				"prefecture", "city", "tags", "registeredAt", "blacklisted", "consents", "orderCount", "totalSpent",
				"lastOrderedAt", "rfm", "segments");
		assertThat(json.get("externalId").asString()).isEqualTo(this.externalId);
		assertThat(json.get("name").asString()).isEqualTo("山田 花子");
		assertThat(json.get("email").asString()).isEqualTo("hanako@example.com");
		assertThat(json.get("phone").asString()).isEqualTo("090-1234-5678");
		assertThat(json.get("lineUserId").asString()).isEqualTo("U1234");
		assertThat(json.get("gender").asString()).isEqualTo("F");
		assertThat(json.get("birthDate").asString()).isEqualTo("1990-04-05");
		assertThat(json.get("prefecture").asString()).isEqualTo("東京都");
		assertThat(json.get("city").asString()).isEqualTo("渋谷区");
		assertThat(json.get("tags").toString()).isEqualTo("[\"vip\",\"line\"]");
		assertThat(json.get("registeredAt").asString()).isEqualTo("2024-01-02T10:00:00+09:00");
		assertThat(json.get("blacklisted").isBoolean()).isTrue();
		assertThat(json.get("blacklisted").asBoolean()).isFalse();
		assertThat(json.get("consents").toString()).isEqualTo("{\"EMAIL\":\"OPT_IN\",\"LINE\":\"OPT_OUT\"}");
		assertThat(json.get("orderCount").isNumber()).isTrue();
		assertThat(json.get("orderCount").asLong()).isEqualTo(2);
		assertThat(json.get("totalSpent").isNumber()).isTrue();
		assertThat(json.get("totalSpent").decimalValue()).isEqualByComparingTo("12345.50");
		assertThat(json.get("lastOrderedAt").asString()).isEqualTo("2026-10-01T12:00:00+09:00");
		assertThat(json.get("rfm").isNull()).isTrue();
		assertThat(json.get("segments").toString()).isEqualTo("[]");
	}

	@Test
	void customerWithoutOrdersHasZeroSummaryAndNoConsents() throws Exception {
		String bare = CustomerFixtures.uniquePrefix("api") + "bare";
		this.fixtures.customer(bare, null, null, null, null, null);

		this.mvc.perform(get("/api/customers/{id}", bare).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.consents").isMap())
			.andExpect(jsonPath("$.consents").isEmpty())
			.andExpect(jsonPath("$.orderCount").value(0))
			.andExpect(jsonPath("$.totalSpent").value(0))
			.andExpect(jsonPath("$.lastOrderedAt").isEmpty())
			.andExpect(jsonPath("$.tags").isArray())
			.andExpect(jsonPath("$.tags").isEmpty())
			.andExpect(jsonPath("$.gender").isEmpty());
	}

	@Test
	void emailAndPhoneAreMaskedForRolesWithoutPii() throws Exception {
		for (Role role : List.of(Role.ANALYST, Role.MANAGER)) {
			this.mvc.perform(get("/api/customers/{id}", this.externalId).with(TestUsers.basic(role)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.email").value("h***@example.com"))
				.andExpect(jsonPath("$.phone").value("090-****-5678"))
				.andExpect(jsonPath("$.name").value("山田 花子"));
		}
		for (Role role : List.of(Role.MARKETER, Role.CONTENT_EDITOR)) {
			this.mvc.perform(get("/api/customers/{id}", this.externalId).with(TestUsers.basic(role)))
				.andExpect(jsonPath("$.email").value("hanako@example.com"))
				.andExpect(jsonPath("$.phone").value("090-1234-5678"));
		}
		this.mvc
			.perform(get("/api/customers/{id}", this.externalId)
				.with(httpBasic("admin", io.mawasu.crm.web.TestUsers.PASSWORD)))
			.andExpect(jsonPath("$.email").value("hanako@example.com"));
	}

	@Test
	void unknownCustomerIsProblem404() throws Exception {
		this.mvc.perform(get("/api/customers/{id}", "no-such-customer").with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.detail", containsString("no-such-customer")));
	}

	@Test
	void requiresAuthentication() throws Exception {
		this.mvc.perform(get("/api/customers/{id}", this.externalId)).andExpect(status().isUnauthorized());
	}

}
