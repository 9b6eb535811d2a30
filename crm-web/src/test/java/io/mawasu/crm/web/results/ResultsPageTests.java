package io.mawasu.crm.web.results;

import io.mawasu.crm.analytics.MetricsRollups;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.CsvWriter;
import io.mawasu.crm.web.audit.AuditLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The results page, its drill-down fragment and CSV, and the KPI board, rendered for
 * real.
 */
@CrmIntegrationTest
class ResultsPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MetricsRollups rollups;

	@Autowired
	AuditLog audit;

	long scenario;

	@BeforeEach
	void seed() {
		this.scenario = ResultsFixture.seed(this.jdbc, this.rollups);
	}

	@Test
	void theResultsPageShowsTheFunnelLiftVariantsAndDrilldownInBothLanguages() throws Exception {
		this.mvc
			.perform(get("/scenarios/{id}/results", this.scenario).with(user("a").roles("ANALYST"))
				.header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Lift against the control group")))
			.andExpect(content().string(containsString("id=\"funnel-treatment\"")))
			.andExpect(content().string(containsString(">12<")))
			.andExpect(content().string(containsString("50.00%")))
			.andExpect(content().string(containsString("12.50%")))
			.andExpect(content().string(containsString("Who did it work for?")))
			.andExpect(content().string(containsString("Tokyo")))
			.andExpect(content().string(containsString("CVR = conversions / enrolments")));
		this.mvc
			.perform(get("/scenarios/{id}/results", this.scenario).with(user("m").roles("MANAGER"))
				.header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("対照群に対するリフト")))
			.andExpect(content().string(containsString("誰に効いたか")));
		this.mvc
			.perform(get("/scenarios/{id}/results/drilldown", this.scenario).param("by", "gender")
				.with(user("a").roles("ANALYST"))
				.header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"drilldown\"")))
			.andExpect(content().string(containsString(">F<")))
			.andExpect(content().string(not(containsString("<html"))));
		this.mvc
			.perform(get("/scenarios/{id}/results/drilldown", this.scenario).param("by", "shoe")
				.with(user("a").roles("ANALYST")))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/scenarios/{id}/results", this.scenario).with(user("c").roles("CONTENT_EDITOR")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/scenarios/{id}/results", Long.MAX_VALUE).with(user("a").roles("ANALYST")))
			.andExpect(status().isNotFound());
	}

	@Test
	void theCsvHasEveryFigureAndIsFormulaSafe() throws Exception {
		String csv = this.mvc
			.perform(get("/scenarios/{id}/results.csv", this.scenario).with(user("a").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv).startsWith("section,key,size,");
		assertThat(csv).contains("group,TREATMENT,12,12,6,3,6,").contains("group,CONTROL,8,,,,1,");
		assertThat(CsvWriter.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(CsvWriter.cell("+1")).isEqualTo("'+1");
		assertThat(CsvWriter.cell("-2")).isEqualTo("'-2");
		assertThat(CsvWriter.cell("@SUM")).isEqualTo("'@SUM");
		assertThat(CsvWriter.cell("\tx")).isEqualTo("'\tx");
		assertThat(CsvWriter.cell(-2.5)).isEqualTo("-2.5");
		assertThat(CsvWriter.cell("Tokyo, Japan")).isEqualTo("\"Tokyo, Japan\"");
	}

	@Test
	void theKpiBoardShowsProgressAndTakesNewKpisFromItsForm() throws Exception {
		this.mvc
			.perform(post("/kpis").with(user("m").roles("MARKETER"))
				.with(csrf())
				.param("name", "Board revenue")
				.param("metric", "REVENUE")
				.param("from", "2001-01-01")
				.param("to", "2001-01-31")
				.param("target", "1000"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/kpis"));
		assertThat(this.audit.newest(10)).anyMatch((e) -> e.action().equals("kpi.create"));
		this.mvc
			.perform(post("/kpis").with(user("m").roles("MARKETER"))
				.with(csrf())
				.param("name", "Broken")
				.param("metric", "NOPE")
				.param("from", "2001-01-01")
				.param("to", "2001-01-31")
				.param("target", "1"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/kpis").with(user("a").roles("ANALYST")).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Board revenue")))
			.andExpect(content().string(containsString("Channels compared")))
			.andExpect(content().string(containsString("id=\"channel-EMAIL\"")))
			.andExpect(content().string(not(containsString("id=\"kpi-form\""))));
		this.mvc.perform(get("/kpis").with(user("m").roles("MANAGER")).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("チャネル比較")))
			.andExpect(content().string(containsString("id=\"kpi-form\"")));
		this.mvc
			.perform(post("/kpis").with(user("a").roles("ANALYST"))
				.with(csrf())
				.param("name", "x")
				.param("metric", "REVENUE"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/kpis").with(user("c").roles("CONTENT_EDITOR"))).andExpect(status().isForbidden());
	}

	@Test
	void theLaunchCheckFragmentSizesTheTest() throws Exception {
		this.mvc
			.perform(get("/scenarios/{id}/launch-check", this.scenario).with(user("m").roles("MARKETER"))
				.header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"launch-check\"")))
			.andExpect(content().string(containsString("Launch check")));
	}

}
