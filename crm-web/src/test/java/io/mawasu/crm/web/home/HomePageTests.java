package io.mawasu.crm.web.home;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.customers.CustomerFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The home page's purchase KPIs over a dataset of its own: this month two customers with
 * three orders (1,000 + 2,000 and 3,000), so 2 purchasing customers, an average order
 * value of 6,000 / 3 = ¥2,000 and a frequency of 3 / 2 = 1.50; last month one order of
 * 4,500.
 */
@CrmIntegrationTest
class HomePageTests {

	static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Tokyo");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	YearMonth thisMonth;

	@BeforeEach
	void seed() {
		this.jdbc.sql("truncate domain.customer cascade").update();
		CustomerFixtures fixtures = new CustomerFixtures(this.jdbc);
		this.thisMonth = YearMonth.now(SHOP_ZONE);
		String start = this.thisMonth.atDay(1).atTime(0, 1).atZone(SHOP_ZONE).toOffsetDateTime().toString();
		String lastMonth = this.thisMonth.minusMonths(1)
			.atDay(10)
			.atStartOfDay(SHOP_ZONE)
			.toOffsetDateTime()
			.toString();
		long x = fixtures.customer("home-x", "X", null, null, null, null);
		long y = fixtures.customer("home-y", "Y", null, null, null, null);
		fixtures.order(x, "home-1", start, "1000");
		fixtures.order(x, "home-2", start, "2000");
		fixtures.order(y, "home-3", start, "3000");
		fixtures.order(y, "home-4", lastMonth, "4500");
	}

	@Test
	void homeShowsTheLatestMonthsKpisTableAndChartData() throws Exception {
		String html = this.mvc.perform(get("/").header("Accept-Language", "en").with(user("home").roles("MANAGER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(html).contains("<div class=\"value\" id=\"kpi-customers\">2</div>",
				"<div class=\"value\" id=\"kpi-average-order-value\">¥2,000</div>",
				"<div class=\"value\" id=\"kpi-frequency\">1.50</div>", "id=\"kpi-chart\"", "id=\"kpi-table\"",
				"¥4,500", "¥6,000");
		assertThat(html).contains("id=\"kpi-partial\"", "The month is not over yet.");
		html = org.springframework.web.util.HtmlUtils.htmlUnescape(html);
		assertThat(html).contains("data-partial=\"" + this.thisMonth + "\"");
		assertThat(html).contains("\"months\":[\"" + this.thisMonth.minusMonths(23) + "\"")
			.contains(this.thisMonth + "\"]");
		assertThat(html).contains("\"averageOrderValue\":[").contains("2000.00]").contains("1.50]");
		assertThat(html.indexOf(">" + this.thisMonth + "<")).as("table newest first")
			.isLessThan(html.indexOf(">" + this.thisMonth.minusMonths(1) + "<"));
		assertThat(html).contains(DateTimeFormatter.ofPattern("yyyy-MM").format(this.thisMonth));
	}

	@Test
	void homeRendersInJapanese() throws Exception {
		String html = this.mvc.perform(get("/").header("Accept-Language", "ja").with(user("home").roles("ANALYST")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(html).contains("購入顧客数", "平均購入単価", "購入頻度", "¥2,000");
	}

}
