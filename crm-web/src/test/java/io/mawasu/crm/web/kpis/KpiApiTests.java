package io.mawasu.crm.web.kpis;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.audit.AuditLog;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * KPIs through {@code /api/kpis} on a segment of three customers whose orders in March
 * 2001 are imported here, every actual worked out by hand; writes are audited.
 */
@CrmIntegrationTest
class KpiApiTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Segments segments;

	@Autowired
	AuditLog audit;

	String city;

	long segment;

	@BeforeEach
	void customersAndOrders() throws Exception {
		TestUsers.ensure(this.accounts);
		this.city = "kpi-" + UUID.randomUUID().toString().substring(0, 8);
		importCsv("customers", "external_id,city\n" + this.city + "-a," + this.city + "\n" + this.city + "-b,"
				+ this.city + "\n" + this.city + "-c," + this.city + "\n");
		// a: 1000 + 2000 purchases and a -500 refund; b: 3000; c: a 0 order (no purchase)
		importCsv("orders",
				"external_id,customer_external_id,ordered_at,amount\n" + this.city + "-1," + this.city
						+ "-a,2001-03-05T10:00:00+09:00,1000\n" + this.city + "-2," + this.city
						+ "-a,2001-03-10T10:00:00+09:00,2000\n" + this.city + "-3," + this.city
						+ "-a,2001-03-12T10:00:00+09:00,-500\n" + this.city + "-4," + this.city
						+ "-b,2001-03-31T23:30:00+09:00,3000\n" + this.city + "-5," + this.city
						+ "-c,2001-03-20T10:00:00+09:00,0\n" + this.city + "-6," + this.city
						+ "-b,2001-04-01T00:30:00+09:00,9999\n");
		this.segment = this.segments.create(this.city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + this.city + "\"}"), null);
	}

	@Test
	void customerKpisMatchTheHandWorkedFigures() throws Exception {
		// purchasing customers a, b = 2; AOV (1000 + 2000 + 3000) / 3; frequency 3 / 2;
		// revenue 5500
		assertActual("PURCHASING_CUSTOMERS", 2, 2);
		assertActual("AVERAGE_ORDER_VALUE", 2000, 2000);
		assertActual("PURCHASE_FREQUENCY", 1.5, 3);
		JsonNode revenue = assertActual("REVENUE", 5500, 5000);
		assertThat(revenue.get("status").asString()).isEqualTo("ACHIEVED");
		assertThat(revenue.get("progress").asDouble()).isCloseTo(1.1, within(1e-9));
		// all three first ordered in March; only a ordered twice before the period ended
		assertActual("NEW_CUSTOMERS", 3, 3);
		JsonNode f2 = assertActual("F2_RATE", 1.0 / 3, 0.5);
		assertThat(f2.get("status").asString()).isEqualTo("BEHIND");
		assertThat(f2.get("likelyFactor").isNull()).isTrue();
	}

	@Test
	void crudWithValidationRolesAndAudit() throws Exception {
		String body = kpi("REVENUE", 5000);
		long id = create(body, Role.MANAGER);
		assertThat(this.audit.newest(20)).anyMatch((e) -> e.action().equals("kpi.create")
				&& ("kpi:" + id).equals(e.target()) && "manager".equals(e.username()));
		this.mvc.perform(get("/api/kpis").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == " + id + ")].name").value(this.city + " REVENUE"));
		this.mvc
			.perform(put("/api/kpis/{id}", id).with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(kpi("REVENUE", 11000)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.target").value(11000))
			.andExpect(jsonPath("$.actual").value(5500.0))
			.andExpect(jsonPath("$.progress").value(0.5))
			.andExpect(jsonPath("$.status").value("BEHIND"));
		this.mvc
			.perform(post("/api/kpis").with(TestUsers.basic(Role.ANALYST))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/kpis").with(TestUsers.basic(Role.CONTENT_EDITOR))).andExpect(status().isForbidden());
		this.mvc.perform(delete("/api/kpis/{id}", id).with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isNoContent());
		assertThat(this.audit.newest(20)).anyMatch((e) -> e.action().equals("kpi.delete"));
		this.mvc.perform(get("/api/kpis/{id}", id).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isNotFound());

		String[][] bad = { {
				"{\"name\":\"x\",\"metric\":\"HAPPINESS\",\"from\":\"2001-03-01\",\"to\":\"2001-03-31\",\"target\":1}",
				"metric" },
				{ "{\"name\":\"x\",\"metric\":\"SCENARIO_CVR\",\"from\":\"2001-03-01\",\"to\":\"2001-03-31\",\"target\":1}",
						"scenarioId" },
				{ "{\"name\":\"x\",\"metric\":\"SCENARIO_CVR\",\"from\":\"2001-03-01\",\"to\":\"2001-03-31\",\"target\":1,\"scenarioId\":9223372036854775807}",
						"scenarioId" },
				{ "{\"name\":\"x\",\"metric\":\"REVENUE\",\"from\":\"2001-03-31\",\"to\":\"2001-03-01\",\"target\":1}",
						"to" },
				{ "{\"name\":\"x\",\"metric\":\"REVENUE\",\"from\":\"2001-03-01\",\"to\":\"2001-03-31\",\"target\":0}",
						"target" },
				{ "{\"name\":\"\",\"metric\":\"REVENUE\",\"from\":\"2001-03-01\",\"to\":\"2001-03-31\",\"target\":1}",
						"name" },
				{ "{\"name\":\"x\",\"metric\":\"REVENUE\",\"from\":\"March\",\"to\":\"2001-03-31\",\"target\":1}",
						"from" } };
		for (String[] b : bad) {
			this.mvc
				.perform(post("/api/kpis").with(TestUsers.basic(Role.MARKETER))
					.contentType(MediaType.APPLICATION_JSON)
					.content(b[0]))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value(b[1]));
		}
	}

	@Test
	void aScenarioKpiWithoutResultsIsBehindOnReach() throws Exception {
		long content = JSON.readTree(this.mvc
			.perform(post("/api/contents").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"KPI " + this.city
						+ "\",\"channel\":\"EMAIL\",\"subject\":\"Hi\",\"body\":\"<p>Hi</p>\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()).get("id").asLong();
		long scenario = JSON.readTree(this.mvc
			.perform(post("/api/scenarios").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"KPI " + this.city + "\",\"segmentId\":" + this.segment
						+ ",\"steps\":[{\"key\":\"s1\",\"type\":\"SEND\",\"channel\":\"EMAIL\",\"contentId\":" + content
						+ ",\"next\":\"x\"},{\"key\":\"x\",\"type\":\"EXIT\"}]}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()).get("id").asLong();
		long id = create("{\"name\":\"cvr\",\"metric\":\"SCENARIO_CVR\",\"from\":\"2001-03-01\",\"to\":\"2001-03-31\","
				+ "\"target\":0.05,\"baseline\":0.01,\"scenarioId\":" + scenario + "}", Role.MARKETER);
		this.mvc.perform(get("/api/kpis/{id}", id).with(TestUsers.basic(Role.MANAGER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.metric").value("SCENARIO_CVR"))
			.andExpect(jsonPath("$.scenarioId").value(scenario))
			.andExpect(jsonPath("$.baseline").value(0.01))
			.andExpect(jsonPath("$.actual").isEmpty())
			.andExpect(jsonPath("$.status").value("BEHIND"))
			.andExpect(jsonPath("$.likelyFactor").value("REACH"));
		long future = create("{\"name\":\"later\",\"metric\":\"REVENUE\",\"from\":\"2099-01-01\",\"to\":\"2099-12-31\","
				+ "\"target\":1}", Role.ADMIN);
		this.mvc.perform(get("/api/kpis/{id}", future).with(TestUsers.basic(Role.MANAGER)))
			.andExpect(jsonPath("$.status").value("NOT_STARTED"));
	}

	private JsonNode assertActual(String metric, double actual, double target) throws Exception {
		long id = create(kpi(metric, target), Role.MARKETER);
		JsonNode view = JSON.readTree(this.mvc.perform(get("/api/kpis/{id}", id).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(view.get("actual").asDouble()).as(metric).isCloseTo(actual, within(1e-9));
		assertThat(view.get("progress").asDouble()).as(metric).isCloseTo(actual / target, within(1e-9));
		assertThat(view.get("from").asString()).isEqualTo("2001-03-01");
		assertThat(view.get("segmentId").asLong()).isEqualTo(this.segment);
		return view;
	}

	private String kpi(String metric, double target) {
		return "{\"name\":\"" + this.city + " " + metric + "\",\"metric\":\"" + metric
				+ "\",\"from\":\"2001-03-01\",\"to\":\"2001-03-31\",\"target\":" + target + ",\"segmentId\":"
				+ this.segment + "}";
	}

	private long create(String body, Role role) throws Exception {
		String created = this.mvc
			.perform(
					post("/api/kpis").with(TestUsers.basic(role)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JSON.readTree(created).get("id").asLong();
	}

	private void importCsv(String kind, String csv) throws Exception {
		this.mvc
			.perform(post("/api/import/" + kind).with(TestUsers.basic(Role.MARKETER))
				.contentType("text/csv")
				.content(csv.getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rejected").value(0));
	}

}
