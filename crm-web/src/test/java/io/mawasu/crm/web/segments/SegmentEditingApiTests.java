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
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The builder's vocabulary ({@code GET /api/segments/fields}) and editing saved segments:
 * update, duplicate, delete, and the 409 while a running scenario enrols from one.
 */
@CrmIntegrationTest
class SegmentEditingApiTests {

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
		this.city = "segedit-" + UUID.randomUUID();
		this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, city, tags) values
				(:city || '-a', 'Aiko', 'aiko@example.jp', :city, '{segedit-vip}'),
				(:city || '-b', 'Bunta', 'bunta@example.jp', :city, '{}')
				""").param("city", this.city).update();
	}

	@Test
	void fieldsListTheirTypesOperatorsAndLabelledValuesInTheCallersLanguage() throws Exception {
		this.mvc
			.perform(get("/api/segments/fields").with(TestUsers.basic(Role.ANALYST)).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.field == 'prefecture')].type").value("choice"))
			.andExpect(jsonPath("$[?(@.field == 'prefecture')].values[0].value").value("北海道"))
			.andExpect(jsonPath("$[?(@.field == 'prefecture')].values[12].label").value("東京都"))
			.andExpect(jsonPath("$[?(@.field == 'prefecture')].values[46].value").value("沖縄県"))
			.andExpect(jsonPath("$[?(@.field == 'prefecture')].values[*]", hasSize(47)))
			.andExpect(jsonPath("$[?(@.field == 'rfmSegment')].values[?(@.value == 'champions')].label").value("優良顧客"))
			.andExpect(jsonPath("$[?(@.field == 'consent')].values[?(@.value == 'EMAIL')].label").value("メール"))
			.andExpect(jsonPath("$[?(@.field == 'gender')].values[*].value", hasSize(3)))
			.andExpect(
					jsonPath("$[?(@.field == 'tag')].values[?(@.value == 'segedit-vip')].label").value("segedit-vip"))
			.andExpect(jsonPath("$[?(@.field == 'recencyDays')].type").value("days"))
			.andExpect(jsonPath("$[?(@.field == 'recencyDays')].ops[*]", hasSize(9)))
			.andExpect(jsonPath("$[?(@.field == 'recencyDays')].values").doesNotExist())
			.andExpect(jsonPath("$[?(@.field == 'monetary')].type").value("money"))
			.andExpect(jsonPath("$[?(@.field == 'city')].type").value("text"));
		this.mvc
			.perform(get("/api/segments/fields").with(TestUsers.basic(Role.ANALYST)).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.field == 'prefecture')].values[0].label").value("Hokkaido"))
			.andExpect(jsonPath("$[?(@.field == 'prefecture')].values[0].value").value("北海道"))
			.andExpect(jsonPath("$[?(@.field == 'rfmSegment')].values[?(@.value == 'champions')].label")
				.value("Champions"))
			.andExpect(jsonPath("$[0].field").value("gender"))
			.andExpect(jsonPath("$[0].length()").value(4));
	}

	@Test
	void aSegmentIsUpdatedDuplicatedAndDeleted() throws Exception {
		long id = create("Edit me");
		this.mvc
			.perform(put("/api/segments/{id}", id).with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Edited\",\"rule\":{\"all\":[" + cityRule()
						+ ",{\"field\":\"tag\",\"op\":\"eq\",\"value\":\"segedit-vip\"}]}}"))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/segments/{id}/count", id).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(jsonPath("$.size").value(1));
		String copy = this.mvc
			.perform(post("/api/segments/{id}/duplicate", id).with(TestUsers.basic(Role.MARKETER))
				.header("Accept-Language", "ja"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()
			.replaceAll("\\D", "");
		String copyName = this.jdbc.sql("select name from segmentation.segment where id = :id")
			.param("id", Long.parseLong(copy))
			.query(String.class)
			.single();
		org.assertj.core.api.Assertions.assertThat(copyName).isEqualTo("Edited（コピー）");
		this.mvc.perform(delete("/api/segments/{id}", id).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isForbidden());
		this.mvc.perform(delete("/api/segments/{id}", id).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/api/segments/{id}/count", id).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/segments/{id}/count", copy).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(jsonPath("$.size").value(1));
	}

	@Test
	void aNameIsRequiredAndBoundedOnUpdateAsOnCreateInTheCallersLanguage() throws Exception {
		long id = create("Rename me");
		String body = "{\"name\":\"%s\",\"rule\":" + cityRule() + "}";
		json(put("/api/segments/{id}", id).header("Accept-Language", "ja"), body.formatted("名".repeat(201)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.detail").value("name: セグメント名は200文字以内にしてください。"));
		json(put("/api/segments/{id}", id).header("Accept-Language", "en"), body.formatted(" "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("name: Give the segment a name."));
		json(post("/api/segments").header("Accept-Language", "en"), body.formatted("n".repeat(201)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("name: A segment name may have at most 200 characters."));
		json(put("/api/segments/{id}", id), body.formatted("名".repeat(200))).andExpect(status().isOk());
		org.assertj.core.api.Assertions
			.assertThat(this.jdbc.sql("select name from segmentation.segment where id = :id")
				.param("id", id)
				.query(String.class)
				.single())
			.isEqualTo("名".repeat(200));
	}

	@Test
	void aSegmentAnActiveScenarioEnrolsFromCannotBeDeletedOrEdited() throws Exception {
		long id = create("In use");
		String scenario = """
				{"name":"Uses the segment","segmentId":%d,"priority":10,"controlPercent":0,
				 "frequencyCap":{"max":3,"days":7},"goal":{"type":"PURCHASE","withinDays":14},
				 "quietHours":{"from":"21:00","to":"09:00"},
				 "steps":[{"key":"w1","type":"WAIT","duration":"P3D","next":"x"},{"key":"x","type":"EXIT"}]}"""
			.formatted(id);
		String created = json(post("/api/scenarios"), scenario).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long scenarioId = Long.parseLong(created.replaceAll("\\D", ""));
		json(post("/api/scenarios/" + scenarioId + "/test-send"), "{\"to\":[\"team@example.com\"]}")
			.andExpect(status().isOk());
		json(post("/api/scenarios/" + scenarioId + "/activate"), "").andExpect(status().isOk());

		this.mvc
			.perform(delete("/api/segments/{id}", id).with(TestUsers.basic(Role.MARKETER))
				.header("Accept-Language", "en"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("Uses the segment")))
			.andExpect(jsonPath("$.detail", containsString("Active")));
		json(put("/api/segments/{id}", id), "{\"name\":\"x\",\"rule\":" + cityRule() + "}")
			.andExpect(status().isConflict());
		this.mvc.perform(get("/api/segments/{id}/count", id).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk());
	}

	private long create(String name) throws Exception {
		String body = json(post("/api/segments"), "{\"name\":\"" + name + "\",\"rule\":" + cityRule() + "}")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Long.parseLong(body.replaceAll("\\D", ""));
	}

	private ResultActions json(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			String body) throws Exception {
		return this.mvc.perform(
				request.with(TestUsers.basic(Role.MARKETER)).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private String cityRule() {
		return "{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + this.city + "\"}";
	}

}
