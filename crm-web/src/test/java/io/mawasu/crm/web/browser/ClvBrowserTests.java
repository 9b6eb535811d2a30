package io.mawasu.crm.web.browser;

import java.time.LocalDate;
import java.time.ZoneOffset;

import io.mawasu.crm.web.customers.CustomerFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLV page in Chromium: fitting with the button (htmx shows progress, then the page
 * reloads with the fit), the parameters, the three charts drawn by ECharts, the top
 * customers, and a top customer's values on its page.
 */
class ClvBrowserTests extends BrowserTests {

	@Autowired
	JdbcClient jdbc;

	String prefix;

	@BeforeEach
	void seed() {
		CustomerFixtures fixtures = new CustomerFixtures(this.jdbc);
		this.prefix = CustomerFixtures.uniquePrefix("clv");
		LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(400);
		for (int i = 0; i < 40; i++) {
			long id = fixtures.customer(this.prefix + i, null, null, null, null, null);
			int purchases = 1 + (i % 7);
			for (int k = 0; k < purchases; k++) {
				LocalDate day = start.plusDays(i * 3L + k * (11L + i % 5) * (1 + i % 3));
				fixtures.order(id, this.prefix + i + "-" + k, day + "T03:00:00Z",
						String.valueOf(1000 + 137 * ((i * k) % 13)));
			}
			fixtures.summarise(id);
		}
	}

	@Test
	void fittingFromThePageShowsParametersChartsAndTopCustomers() {
		loginAsAdmin();
		open("/clv");
		assertThat(driver().findElement(By.id("clv-progress")).isDisplayed()).isFalse();
		waitFor(By.id("clv-fit-button")).click();
		waitUntil((d) -> !d.findElements(By.id("clv-parameters")).isEmpty());
		assertThat(driver().findElement(By.id("clv-parameters")).getText()).contains("r =", "α =", "a =", "b =");
		for (String chart : new String[] { "clv-holdout", "clv-palive", "clv-clv" }) {
			assertThat(driver().findElement(By.id(chart)).findElements(By.tagName("canvas"))).isNotEmpty();
		}
		assertThat(driver().findElements(By.cssSelector("#clv-top tbody tr"))).isNotEmpty();
		driver().findElement(By.cssSelector("#clv-top tbody tr a")).click();
		assertThat(waitFor(By.id("customer-clv")).getText()).contains("CLV");
	}

}
