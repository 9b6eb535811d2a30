package io.mawasu.crm.web.clv;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
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
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The CLV fit on the CDNOW sample through the import API and the fit endpoint, against
 * the published parameters (Fader, Hardie &amp; Lee 2005: r = 0.243, α = 4.414, a =
 * 0.793, b = 2.426, LL = −9582.4; Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44) to their
 * published digits, and against customers' predictions computed independently with SciPy
 * ({@code scipy.special.hyp2f1}, the direct form of FHL 2005 eq. 10) at the
 * maximum-likelihood parameters SciPy's Nelder-Mead finds (r = 0.2425945, α = 4.413602, a
 * = 0.7929221, b = 2.425907; p = 6.249573, q = 3.744225, γ = 15.44352; LL −9582.42921 and
 * −4055.91769).
 */
@CrmIntegrationTest
class ClvApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@BeforeEach
	void cdnowOnly() throws Exception {
		TestUsers.ensure(this.accounts);
		this.jdbc.sql("truncate domain.customer, segmentation.clv_fit cascade").update();
		CdnowImport.importSample(this.mvc);
	}

	@Test
	void fitsCdnowToThePublishedParametersAndPredictsLikeAnIndependentImplementation() throws Exception {
		MvcResult created = this.mvc
			.perform(post("/api/clv/fits").with(TestUsers.basic(Role.ANALYST))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"calibrationEnd\":\"1997-09-30\",\"timeUnit\":\"WEEK\",\"horizon\":52}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.calibrationEnd").value("1997-09-30"))
			.andExpect(jsonPath("$.timeUnit").value("WEEK"))
			.andExpect(jsonPath("$.horizon").value(52))
			.andExpect(jsonPath("$.customers").value(2357))
			.andExpect(jsonPath("$.repeaters").value(946))
			.andExpect(jsonPath("$.createdAt").isNotEmpty())
			.andExpect(jsonPath("$.boundary").isEmpty())
			.andReturn();
		String body = created.getResponse().getContentAsString();
		assertThat(number(body, "$.bgnbd.r")).isCloseTo(0.243, within(5e-4)).isCloseTo(0.2425945, within(1e-6));
		assertThat(number(body, "$.bgnbd.alpha")).isCloseTo(4.414, within(5e-4)).isCloseTo(4.413602, within(1e-4));
		assertThat(number(body, "$.bgnbd.a")).isCloseTo(0.793, within(5e-4)).isCloseTo(0.7929221, within(1e-6));
		assertThat(number(body, "$.bgnbd.b")).isCloseTo(2.426, within(5e-4)).isCloseTo(2.425907, within(1e-5));
		assertThat(number(body, "$.bgnbd.logLikelihood")).isCloseTo(-9582.4, within(0.05))
			.isCloseTo(-9582.42921, within(1e-4));
		assertThat(number(body, "$.gammaGamma.p")).isCloseTo(6.25, within(5e-3)).isCloseTo(6.249573, within(1e-4));
		assertThat(number(body, "$.gammaGamma.q")).isCloseTo(3.74, within(5e-3)).isCloseTo(3.744225, within(1e-4));
		assertThat(number(body, "$.gammaGamma.gamma")).isCloseTo(15.44, within(5e-3)).isCloseTo(15.44352, within(1e-3));
		assertThat(number(body, "$.gammaGamma.logLikelihood")).isCloseTo(-4055.91769, within(1e-4));
		long id = ((Number) JsonPath.read(body, "$.id")).longValue();

		this.mvc.perform(get("/api/clv/fits/latest").with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id));
		this.mvc.perform(get("/api/clv/fits/" + id).with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customers").value(2357));

		// lifetimes' customer 1 = file id 00004 (x = 2, recency 30.43, T 38.86); its
		// documented conditional_expected_average_profit is 24.658619 at lifetimes' own
		// optimum (p 6.25, q 3.74, v 15.45)
		expectCustomer("00004", id, 2, 30.428571, 38.857143, 0.7266203116574291, 1.5586862321656314, 24.65391881726437);
		assertThat(customerValue("00004", "$.expectedSpend")).isCloseTo(24.658619, within(24.658619 * 1e-3));
		expectCustomer("00018", id, 0, 0, 38.428571, 1.0, 0.25389335721227013, 35.170371390193715);
		expectCustomer("00021", id, 1, 1.714286, 38.857143, 0.21239104442776768, 0.26012162285333, 18.910018738000336);
		expectCustomer("01760", id, 29, -1, -1, 0.9692212686091265, 25.06334133864129, 26.39426351044009);

		MvcResult csv = this.mvc
			.perform(get("/api/clv/fits/" + id + "/customers.csv").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andReturn();
		List<String> lines = csv.getResponse().getContentAsString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines.get(0))
			.isEqualTo("external_id,frequency,recency,t,p_alive,expected_purchases,expected_spend,clv");
		assertThat(lines).hasSize(2358);
		String[] row = lines.stream().filter((l) -> l.startsWith("00004,")).findFirst().orElseThrow().split(",");
		assertThat(Double.parseDouble(row[4])).isCloseTo(0.7266203116574291, within(1e-5));
		assertThat(Double.parseDouble(row[7])).isCloseTo(1.5586862321656314 * 24.65391881726437, within(1e-3));
		assertThat(this.jdbc.sql("select count(*) from web.audit_log where action = 'EXPORT_CLV_CUSTOMERS'")
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void segmentRulesSelectOnTheNewestFit() throws Exception {
		// before any fit nobody matches: customers outside a fit have no values
		count("{\"field\":\"pAlive\",\"op\":\"gte\",\"value\":0}", 0);
		this.mvc
			.perform(post("/api/clv/fits").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"calibrationEnd\":\"1997-09-30\"}"))
			.andExpect(status().isCreated());
		long atRisk = fitCount("p_alive < 0.5 and frequency >= 2");
		long top = fitCount("clv > 100 and expected_purchases >= 2");
		assertThat(atRisk).isPositive();
		assertThat(top).isPositive();
		count("{\"field\":\"pAlive\",\"op\":\"gte\",\"value\":0}", 2357);
		// "at risk" and "top predicted value", counted against the fit's own rows
		count("{\"field\":\"pAlive\",\"op\":\"lt\",\"value\":0.5}", fitCount("p_alive < 0.5"));
		count("{\"all\":[{\"field\":\"predictedClv\",\"op\":\"gt\",\"value\":100},"
				+ "{\"field\":\"expectedPurchases\",\"op\":\"gte\",\"value\":2}]}", top);
		count("{\"not\":{\"field\":\"predictedClv\",\"op\":\"gt\",\"value\":100}}", 2357 - fitCount("clv > 100"));
		this.mvc
			.perform(post("/api/segments/count").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"rule\":{\"field\":\"pAlive\",\"op\":\"lt\",\"value\":\"high\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("pAlive")));
	}

	private long fitCount(String condition) {
		// the conditions are constants of this test, never input
		return this.jdbc
			.sql("select count(*) from segmentation.clv_prediction where fit_id = "
					+ "(select max(id) from segmentation.clv_fit) and " + condition)
			.query(Long.class)
			.single();
	}

	private void count(String rule, long expected) throws Exception {
		this.mvc
			.perform(post("/api/segments/count").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"rule\":" + rule + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.size").value(expected));
	}

	private void expectCustomer(String externalId, long fitId, int frequency, double recency, double t, double pAlive,
			double expectedPurchases, double expectedSpend) throws Exception {
		String body = this.mvc
			.perform(get("/api/customers/" + externalId + "/clv").with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.fitId").value(fitId))
			.andExpect(jsonPath("$.frequency").value(frequency))
			.andReturn()
			.getResponse()
			.getContentAsString();
		if (recency >= 0) {
			assertThat(number(body, "$.recency")).isCloseTo(recency, within(1e-6));
			assertThat(number(body, "$.t")).isCloseTo(t, within(1e-6));
		}
		assertThat(number(body, "$.pAlive")).isCloseTo(pAlive, within(pAlive * 1e-4));
		assertThat(number(body, "$.expectedPurchases")).isCloseTo(expectedPurchases, within(expectedPurchases * 1e-4));
		assertThat(number(body, "$.expectedSpend")).isCloseTo(expectedSpend, within(expectedSpend * 1e-4));
		assertThat(number(body, "$.clv")).isCloseTo(expectedPurchases * expectedSpend,
				within(expectedPurchases * expectedSpend * 2e-4));
	}

	private double customerValue(String externalId, String path) throws Exception {
		return number(this.mvc.perform(get("/api/customers/" + externalId + "/clv").with(TestUsers.basic(Role.ANALYST)))
			.andReturn()
			.getResponse()
			.getContentAsString(), path);
	}

	@Test
	void badRequestsAreProblemsNamingTheField() throws Exception {
		this.mvc
			.perform(post("/api/clv/fits").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"calibrationEnd\":\"1990-01-01\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("no customer has a purchase")));
		this.mvc
			.perform(post("/api/clv/fits").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"horizon\":521}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("horizon")));
		this.mvc
			.perform(post("/api/clv/fits").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"horizon\":0}"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/api/clv/fits").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"calibrationEnd\":\"2999-01-01\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("future")));
		this.mvc
			.perform(post("/api/clv/fits").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"timeUnit\":\"MONTH\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("timeUnit")));
		this.mvc
			.perform(post("/api/clv/fits").with(TestUsers.basic(Role.CONTENT_EDITOR))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/clv/fits/987654321").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/customers/nobody-here/clv").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isNotFound());
	}

	private static double number(String json, String path) {
		return ((Number) JsonPath.read(json, path)).doubleValue();
	}

}
