package io.mawasu.crm.web.browser;

import io.mawasu.crm.analytics.MetricsRollups;
import io.mawasu.crm.web.results.ResultsFixture;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results page in a browser: the funnel and lift figures, the charts drawn by
 * ECharts, and the drill-down switched to another dimension by htmx.
 */
class ResultsBrowserTests extends BrowserTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MetricsRollups rollups;

	@Test
	void aManagerReadsTheResultsAndDrillsDownByGender() {
		long scenario = ResultsFixture.seed(this.jdbc, this.rollups);
		loginAsAdmin();
		open("/scenarios/" + scenario + "/results?lang=en");
		WebElement treatment = waitFor(By.id("funnel-treatment"));
		assertThat(treatment.getText()).contains("Treatment", "12", "6", "3");
		assertThat(driver().findElement(By.id("funnel-control")).getText()).contains("Control", "8", "1");
		assertThat(driver().findElement(By.id("results-cvr-treatment")).getText()).isEqualTo("50.00%");
		assertThat(driver().findElement(By.id("results-cvr-control")).getText()).isEqualTo("12.50%");
		assertThat(driver().findElement(By.id("results-verdict")).getText()).containsAnyOf("likely real",
				"could be chance");
		assertThat(driver().findElement(By.id("results-csv")).getAttribute("href"))
			.endsWith("/scenarios/" + scenario + "/results.csv");
		waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#funnel-chart canvas")));
		waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lift-chart canvas")));
		assertThat(driver().findElements(By.cssSelector("#results-variants tbody tr"))).hasSize(2);

		new Select(driver().findElement(By.id("drilldown-by"))).selectByValue("gender");
		waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#drilldown-table th"), "Gender"));
		assertThat(driver().findElements(By.cssSelector("#drilldown-table tbody tr"))).hasSize(2);
		assertThat(driver().findElement(By.id("drilldown-table")).getText()).contains("F", "M");
	}

}
