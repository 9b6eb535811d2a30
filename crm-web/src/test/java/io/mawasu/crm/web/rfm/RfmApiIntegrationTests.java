package io.mawasu.crm.web.rfm;

import java.math.BigDecimal;
import java.util.List;
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
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class RfmApiIntegrationTests {

	static final String THRESHOLD = """
			{"asOf":"2026-11-01","method":"THRESHOLD","cuts":{"recency":[30,90,180,365],
			"frequency":[2,3,5,10],"monetary":[5000,10000,30000,100000]}}
			""";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts userAccounts;

	@BeforeEach
	void data() {
		TestUsers.ensure(this.userAccounts);
		customer("rfm-web-1", "2026-10-31 10:00+09", "12000", "2026-09-01 10:00+09", "3000");
		customer("rfm-web-2", "2026-06-01 10:00+09", "800", null, null);
	}

	private void customer(String externalId, String firstAt, String firstAmount, String secondAt, String secondAmount) {
		this.jdbc.sql("insert into domain.customer (external_id) values (:id) on conflict (external_id) do nothing")
			.param("id", externalId)
			.update();
		order(externalId, externalId + "-o1", firstAt, firstAmount);
		if (secondAt != null) {
			order(externalId, externalId + "-o2", secondAt, secondAmount);
		}
	}

	private void order(String customer, String externalId, String at, String amount) {
		this.jdbc
			.sql("""
					insert into domain.orders (external_id, customer_id, ordered_at, amount)
					select :externalId, id, cast(:at as timestamptz), :amount from domain.customer where external_id = :customer
					on conflict (external_id) do nothing
					""")
			.param("externalId", externalId)
			.param("customer", customer)
			.param("at", at)
			.param("amount", new BigDecimal(amount))
			.update();
	}

	@Test
	void startingARunAnswers201WithTheRunAndItsSegmentCounts() throws Exception {
		this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"asOf\":\"2026-11-01\",\"method\":\"QUANTILE\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/rfm/runs/")))
			.andExpect(jsonPath("$.id").isNumber())
			.andExpect(jsonPath("$.asOf").value("2026-11-01"))
			.andExpect(jsonPath("$.method").value("QUANTILE"))
			.andExpect(jsonPath("$.customers").value(greaterThanOrEqualTo(2)))
			.andExpect(jsonPath("$.segments.champions").isNumber())
			.andExpect(jsonPath("$.segments.lost").isNumber());

		this.mvc.perform(get("/api/rfm/runs/latest").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.asOf").value("2026-11-01"))
			.andExpect(jsonPath("$.method").value("QUANTILE"))
			.andExpect(jsonPath("$.segments").isMap());
	}

	@Test
	void aQuantileRunMayScoreFByCutPoints() throws Exception {
		this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"asOf\":\"2026-11-01\",\"method\":\"QUANTILE\",\"frequencyCuts\":[2,3,5,10]}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.method").value("QUANTILE"))
			.andExpect(jsonPath("$.frequencyCuts[3]").value(10));
		this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"method\":\"QUANTILE\",\"frequencyCuts\":[5,3,2,10]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("frequencyCuts must be strictly ascending")));
		this.mvc.perform(get("/rfm?fixedFrequency=true").with(user("marketer").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(matchesPattern("(?s).*<input[^>]*id=\"rfm-fixed-frequency\"[^>]*checked[^>]*>.*")));
	}

	@Test
	void anEmptyBodyRunsWithTheDefaults() throws Exception {
		this.mvc.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.method").value("QUANTILE"));
	}

	@Test
	void thresholdRunsAndTheCustomerScore() throws Exception {
		this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(THRESHOLD))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.method").value("THRESHOLD"));

		// 1 day since the last purchase, 2 orders, 15000: r 5, f 2, m 3 -> FM 3.
		this.mvc.perform(get("/api/customers/rfm-web-1/rfm").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recencyDays").value(1))
			.andExpect(jsonPath("$.frequency").value(2))
			.andExpect(jsonPath("$.monetary").value(15000.0))
			.andExpect(jsonPath("$.r").value(5))
			.andExpect(jsonPath("$.f").value(2))
			.andExpect(jsonPath("$.m").value(3))
			.andExpect(jsonPath("$.segment").value("potential_loyalists"));
		this.mvc.perform(get("/api/customers/nobody-rfm/rfm").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("nobody-rfm")));
	}

	@Test
	void badCutsAre400NamingTheAxis() throws Exception {
		this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(THRESHOLD.replace("[2,3,5,10]", "[5,3,2,10]")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("cuts.frequency")));
		this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(THRESHOLD.replace("[30,90,180,365]", "[30,90,180]")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("cuts.recency")));
		this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"method\":\"RANDOM\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void analystsMayNotStartRuns() throws Exception {
		this.mvc.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.ANALYST))).andExpect(status().isForbidden());
		this.mvc.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MANAGER))).andExpect(status().isForbidden());
	}

	@Test
	void aSecondRunWhileOneIsRunningIs409() throws Exception {
		long running = this.jdbc.sql("""
				insert into segmentation.rfm_run (as_of, method, status) values (current_date, 'QUANTILE', 'RUNNING')
				returning id
				""").query(Long.class).single();
		try {
			this.mvc.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER)))
				.andExpect(status().isConflict())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail", containsString("RFM run " + running + " is still running")));
		}
		finally {
			this.jdbc.sql("update segmentation.rfm_run set status = 'FAILED' where id = :id")
				.param("id", running)
				.update();
		}
	}

	@Test
	void latestIs404WhenNoRunHasFinished() throws Exception {
		this.jdbc.sql("truncate segmentation.rfm_run cascade").update();
		this.mvc.perform(get("/api/rfm/runs/latest").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void scoresCsvHasTheHeaderAndEveryScoredCustomerAndIsAudited() throws Exception {
		MvcResult created = this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(THRESHOLD))
			.andExpect(status().isCreated())
			.andReturn();
		long id = Long.parseLong(created.getResponse().getHeader("Location").replaceAll(".*/", ""));

		String csv = this.mvc.perform(get("/api/rfm/runs/" + id + "/scores.csv").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		String[] lines = csv.split("\r\n");
		assertThat(lines[0]).isEqualTo("external_id,recency_days,frequency,monetary,r,f,m,segment");
		assertThat(lines).contains("rfm-web-1,1,2,15000.00,5,2,3,potential_loyalists",
				"rfm-web-2,153,1,800.00,3,1,1,about_to_sleep");
		long customers = this.jdbc.sql("select customers from segmentation.rfm_run where id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		assertThat(lines).hasSize((int) customers + 1);
		assertThat(
				this.jdbc.sql("select count(*) from web.audit_log where action = 'EXPORT_RFM_SCORES' and target = :t")
					.param("t", "run " + id)
					.query(Long.class)
					.single())
			.isEqualTo(1);
		this.mvc.perform(get("/api/rfm/runs/999999999/scores.csv").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isNotFound());
	}

	@Test
	void scoresCsvNeutralisesFormulasInExternalIdsOnTheApiAndThePage() throws Exception {
		String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> formulas = List.of("=1+1", "+SUM(A1)", "@cmd", "-2", "\tx");
		for (String formula : formulas) {
			customer(formula + suffix, "2026-10-01 10:00+09", "1000", null, null);
		}
		MvcResult created = this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(THRESHOLD))
			.andExpect(status().isCreated())
			.andReturn();
		long id = Long.parseLong(created.getResponse().getHeader("Location").replaceAll(".*/", ""));
		for (String path : List.of("/api/rfm/runs/" + id + "/scores.csv", "/rfm/runs/" + id + "/scores.csv")) {
			String csv = this.mvc
				.perform(get(path)
					.with(path.startsWith("/api/") ? TestUsers.basic(Role.ANALYST) : user("analyst").roles("ANALYST")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			List<String> lines = List.of(csv.split("\r\n"));
			for (String formula : formulas) {
				assertThat(lines).as(path).anyMatch((line) -> line.startsWith("'" + formula + suffix + ","));
				assertThat(lines).as(path).noneMatch((line) -> line.startsWith(formula));
			}
		}
	}

	@Test
	void thePageShowsTheLatestRunAndTheGrid() throws Exception {
		this.mvc.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))).andExpect(status().isCreated());

		this.mvc.perform(get("/rfm").with(user("analyst").roles("ANALYST")).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("rfm-heatmap")))
			.andExpect(content().string(containsString("優良顧客")))
			.andExpect(content().string(containsString("セグメント定義グリッド")));
		this.mvc.perform(get("/rfm").with(user("marketer").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Start run")))
			.andExpect(content().string(containsString("Champions")));
	}

	@Test
	void startingFromThePageIsForMarketersAndRedirects() throws Exception {
		this.mvc.perform(post("/rfm/runs").with(user("analyst").roles("ANALYST")).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(
					post("/rfm/runs").with(user("marketer").roles("MARKETER")).with(csrf()).param("method", "QUANTILE"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/rfm"));
		for (int i = 0; i < 100 && this.jdbc.sql("select count(*) from segmentation.rfm_run where status = 'RUNNING'")
			.query(Long.class)
			.single() > 0; i++) {
			Thread.sleep(100);
		}
		this.mvc.perform(get("/rfm/status").with(user("analyst").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Refresh", "true"));
	}

	@Test
	void movementMatrixBetweenTwoRuns() throws Exception {
		MvcResult first = this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"asOf\":\"2026-11-01\"}"))
			.andReturn();
		MvcResult second = this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(THRESHOLD))
			.andReturn();
		String from = first.getResponse().getHeader("Location").replaceAll(".*/", "");
		String to = second.getResponse().getHeader("Location").replaceAll(".*/", "");

		this.mvc.perform(get("/rfm").param("from", from).param("to", to).with(user("analyst").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Not scored")));
	}

}
