package io.mawasu.crm.web.analyses;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The analysis pages, CSV downloads and JSON API on a small dataset: customers web-a1 …
 * web-a4 spend 400, 300, 200 and 100 in 2025 (categories X 700, Y 200, Z 100); web-a1 and
 * web-a2 order again.
 */
@CrmIntegrationTest
class AnalysesControllerTests {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts userAccounts;

	int orders;

	@BeforeEach
	void seed() {
		TestUsers.ensure(this.userAccounts);
		this.jdbc.sql("truncate domain.orders, domain.customer cascade").update();
		long a1 = customer("web-a1");
		long a2 = customer("web-a2");
		long a3 = customer("web-a3");
		long a4 = customer("web-a4");
		order(a1, LocalDate.of(2025, 1, 10), 300, "X");
		order(a1, LocalDate.of(2025, 1, 30), 100, "Y");
		order(a2, LocalDate.of(2025, 1, 15), 200, "X");
		order(a2, LocalDate.of(2025, 3, 1), 100, "Y");
		order(a3, LocalDate.of(2025, 2, 1), 200, "X");
		order(a4, LocalDate.of(2025, 2, 5), 100, "Z,\"odd\"");
	}

	@Test
	void indexLinksTheFourAnalyses() throws Exception {
		this.mvc.perform(get("/analyses").with(user("analyst").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(view().name(AnalysesController.INDEX_VIEW))
			.andExpect(content().string(containsString("/analyses/decile")))
			.andExpect(content().string(containsString("/analyses/pareto")))
			.andExpect(content().string(containsString("/analyses/f2")))
			.andExpect(content().string(containsString("/analyses/retention")));
	}

	@Test
	void pagesNeedALogin() throws Exception {
		this.mvc.perform(get("/analyses/decile")).andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/api/analyses/decile")).andExpect(status().isUnauthorized());
	}

	@Test
	void decilePageShowsFormattedFigures() throws Exception {
		this.mvc
			.perform(get("/analyses/decile").param("from", "2025-01-01")
				.param("to", "2025-12-31")
				.with(user("manager").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(view().name(AnalysesController.DECILE_VIEW))
			.andExpect(content().string(containsString("¥1,000")))
			.andExpect(content().string(containsString("40.0%")))
			.andExpect(content().string(containsString("echarts.init")))
			.andExpect(content().string(containsString("\"cumulative\":[40.0,70.0,90.0,100.0]")))
			.andExpect(content().string(containsString("/analyses/decile.csv?from=2025-01-01&amp;to=2025-12-31")));
	}

	@Test
	void paretoPageInJapaneseAndWithBadCutPoints() throws Exception {
		this.mvc
			.perform(get("/analyses/pareto").param("by", "category")
				.param("from", "2025-01-01")
				.param("to", "2025-12-31")
				.header("Accept-Language", "ja")
				.with(user("analyst").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("パレート")))
			.andExpect(content().string(containsString("70.0%")));
		this.mvc
			.perform(get("/analyses/pareto").param("a", "95").param("b", "90").with(user("analyst").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("0 &lt; a &lt; b &lt;= 100")))
			.andExpect(content().string(not(containsString("echarts.init"))));
	}

	@Test
	void f2AndRetentionPagesRender() throws Exception {
		this.mvc.perform(get("/analyses/f2").with(user("analyst").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("2025-01")))
			.andExpect(content().string(containsString("50.0%")));
		this.mvc
			.perform(get("/analyses/retention").header("Accept-Language", "ja").with(user("analyst").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("継続率")))
			.andExpect(content().string(containsString("2025-02")));
	}

	@Test
	void csvDownloadHasABomAHeaderAndIsAudited() throws Exception {
		MvcResult result = this.mvc
			.perform(get("/analyses/pareto.csv").param("by", "category")
				.param("from", "2025-01-01")
				.param("to", "2025-12-31")
				.with(user("marketer").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(
					header().string("Content-Disposition", containsString("pareto-category-2025-01-01-2025-12-31.csv")))
			.andReturn();
		byte[] body = result.getResponse().getContentAsByteArray();
		assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
		String csv = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
		assertThat(csv.lines()).containsExactly("rank,key,revenue,share,cumulative_share,abc_class",
				"1,X,700.00,0.700000,0.700000,A", "2,Y,200.00,0.200000,0.900000,B",
				"3,\"Z,\"\"odd\"\"\",100.00,0.100000,1.000000,C");
		String audited = this.jdbc
			.sql("select target from web.audit_log where action = 'EXPORT_ANALYSIS' and username = 'marketer' "
					+ "order by id desc limit 1")
			.query(String.class)
			.single();
		assertThat(audited).isEqualTo("pareto");

		for (String name : new String[] { "decile", "f2", "retention" }) {
			byte[] other = this.mvc.perform(get("/analyses/" + name + ".csv").with(user("analyst").roles("ANALYST")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsByteArray();
			assertThat(new String(other, StandardCharsets.UTF_8)).startsWith("\uFEFF" + (name.equals("f2") ? "cohort,"
					: name.equals("decile") ? "decile," : "cohort,customers,repeaters"));
		}
	}

	@Test
	void decileApi() throws Exception {
		this.mvc
			.perform(get("/api/analyses/decile").param("from", "2025-01-01")
				.param("to", "2025-12-31")
				.with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.from").value("2025-01-01"))
			.andExpect(jsonPath("$.customers").value(4))
			.andExpect(jsonPath("$.revenue").value(1000.0))
			.andExpect(jsonPath("$.deciles", hasSize(4)))
			.andExpect(jsonPath("$.deciles[0].decile").value(1))
			.andExpect(jsonPath("$.deciles[0].share").value(closeTo(0.4, 1e-9)))
			.andExpect(jsonPath("$.deciles[3].cumulativeShare").value(closeTo(1.0, 1e-9)))
			.andExpect(jsonPath("$.deciles[0].averageSpend").value(400.0));
	}

	@Test
	void paretoApi() throws Exception {
		this.mvc
			.perform(get("/api/analyses/pareto").param("by", "customer")
				.param("a", "70")
				.param("b", "90")
				.param("from", "2025-01-01")
				.param("to", "2025-12-31")
				.with(TestUsers.basic(Role.MANAGER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items").value(4))
			.andExpect(jsonPath("$.classes[0].abcClass").value("A"))
			.andExpect(jsonPath("$.classes[0].items").value(2))
			.andExpect(jsonPath("$.top[0].key").value("web-a1"))
			.andExpect(jsonPath("$.top[2].abcClass").value("B"))
			.andExpect(jsonPath("$.curve[3].cumulativeShare").value(closeTo(1.0, 1e-9)));
	}

	@Test
	void apiErrorsAreProblems() throws Exception {
		this.mvc.perform(get("/api/analyses/pareto").param("by", "shop").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("customer, category, brand")));
		this.mvc.perform(get("/api/analyses/decile").param("from", "yesterday").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("'from' must be an ISO date")));
		this.mvc
			.perform(get("/api/analyses/f2").param("from", "2025-02-01")
				.param("to", "2025-01-01")
				.with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("starts after it ends")));
	}

	@Test
	void f2AndRetentionApi() throws Exception {
		this.mvc.perform(get("/api/analyses/f2").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cohorts[0].cohort").value("2025-01"))
			.andExpect(jsonPath("$.cohorts[0].customers").value(2))
			.andExpect(jsonPath("$.cohorts[0].share30").value(closeTo(0.5, 1e-9)))
			.andExpect(jsonPath("$.cohorts[0].share60").value(closeTo(1.0, 1e-9)))
			.andExpect(jsonPath("$.cohorts[0].medianDaysToSecond").value(closeTo(32.5, 1e-9)))
			.andExpect(jsonPath("$.total.customers").value(4));
		this.mvc.perform(get("/api/analyses/retention").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.months").value(12))
			.andExpect(jsonPath("$.cohorts[0].cohort").value("2025-01"))
			.andExpect(jsonPath("$.cohorts[0].repeatShare").value(closeTo(1.0, 1e-9)))
			.andExpect(jsonPath("$.cohorts[0].shares[0]").value(closeTo(0.0, 1e-9)))
			.andExpect(jsonPath("$.cohorts[0].shares[1]").value(closeTo(0.5, 1e-9)))
			.andExpect(jsonPath("$.cohorts[0].shares[2]").value(nullValue()));
	}

	private long customer(String externalId) {
		return this.jdbc.sql("insert into domain.customer (external_id) values (:id) returning id")
			.param("id", externalId)
			.query(Long.class)
			.single();
	}

	private void order(long customer, LocalDate day, long amount, @Nullable String category) {
		OffsetDateTime at = day.atTime(12, 0).atZone(TOKYO).toOffsetDateTime();
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount, category)
				values (:id, :customer, :at, :amount, :category)
				""")
			.param("id", "web-analyses-" + (++this.orders))
			.param("customer", customer)
			.param("at", at)
			.param("amount", BigDecimal.valueOf(amount))
			.param("category", category)
			.update();
	}

}
