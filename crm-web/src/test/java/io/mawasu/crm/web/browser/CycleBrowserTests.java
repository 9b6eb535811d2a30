package io.mawasu.crm.web.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.mawasu.crm.analytics.CycleRequest;
import io.mawasu.crm.analytics.Cycles;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Act flow in the browser: the stage advances as a manager approves, a scenario goes
 * live, someone opens the Check tab and the manager decides; and two browsers on one KPT
 * board see each other's cards appear without reloading.
 */
class CycleBrowserTests extends BrowserTests {

	@Autowired
	UserAccounts accounts;

	@Autowired
	Segments segments;

	@Autowired
	Scenarios scenarios;

	@Autowired
	Contents contents;

	@Autowired
	Cycles cycles;

	long scenarioId;

	long cycleId;

	@BeforeEach
	void cycle() {
		TestUsers.ensure(this.accounts);
		String city = "browser-cycle-" + UUID.randomUUID();
		long segment = this.segments.create("Cycle " + city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"}"), null);
		this.scenarioId = this.scenarios.create("""
				{"name":"Browser wait","segmentId":%d,"priority":1,"controlPercent":10,
				 "steps":[{"key":"w1","type":"WAIT","duration":"P3D","next":"x"},{"key":"x","type":"EXIT"}]}"""
			.formatted(segment), "test");
		this.cycleId = this.cycles
			.create(new CycleRequest("ブラウザのサイクル", "marketer", "manager", java.time.LocalDate.of(2026, 12, 1),
					java.time.LocalDate.of(2026, 12, 31), new CycleRequest.Kgi("F2", java.math.BigDecimal.ONE), "仮説",
					segment, List.of(this.scenarioId), List.of(),
					new CycleRequest.Expected(0.1, java.math.BigDecimal.TEN)), "marketer")
			.id();
	}

	private String stage() {
		return waitFor(By.id("cycle-stage")).getText();
	}

	@Test
	void theStageAdvancesThroughTheRealFlow() {
		login("manager", TestUsers.PASSWORD);
		open("/cycles/" + this.cycleId + "?lang=en");
		assertThat(stage()).isEqualTo("Plan");
		driver().findElement(By.id("approve")).click();
		waitFor(By.id("approved"));
		assertThat(stage()).isEqualTo("Plan");

		this.scenarios.testSend(this.scenarioId, List.of("team@example.com"), "test");
		this.scenarios.activate(this.scenarioId);
		open("/cycles/" + this.cycleId + "?tab=do");
		assertThat(stage()).isEqualTo("Do");
		driver().findElement(By.id("tab-check")).click();
		waitUntil(ExpectedConditions.textToBe(By.id("cycle-stage"), "Check"));

		driver().findElement(By.id("tab-act")).click();
		waitFor(By.cssSelector("#decide-" + this.scenarioId + " input[name=reason]")).sendKeys("効果あり");
		driver().findElement(By.cssSelector("#decide-" + this.scenarioId + " button")).click();
		waitUntil(ExpectedConditions.textToBe(By.id("cycle-stage"), "Act"));
		driver().findElement(By.id("next-cycle")).click();
		waitUntil(ExpectedConditions.textToBe(By.id("cycle-stage"), "Plan"));
		open("/cycles");
		assertThat(waitFor(By.cssSelector("#cycle-" + this.cycleId + " .track")).getAttribute("data-stage"))
			.isEqualTo("DONE");
	}

	@Test
	void twoBrowsersOnOneBoardSeeEachOthersCardsLive() throws Exception {
		login("analyst", TestUsers.PASSWORD);
		open("/cycles/" + this.cycleId + "/kpt?lang=en");
		waitUntil(ExpectedConditions.attributeToBe(By.id("live"), "data-live", "true"));
		Path profile = Files.createTempDirectory("crm-chromium-second-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1366,900", "--lang=en-US", "--user-data-dir=" + profile);
		WebDriver second = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
					.usingAnyFreePort()
					.build(),
				options);
		try {
			second.get(url("/login?lang=en"));
			second.findElement(By.id("username")).sendKeys("content_editor");
			second.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
			second.findElement(By.id("login-submit")).click();
			new WebDriverWait(second, TIMEOUT).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
			second.get(url("/cycles/" + this.cycleId + "/kpt?lang=en"));
			new WebDriverWait(second, TIMEOUT)
				.until(ExpectedConditions.attributeToBe(By.id("live"), "data-live", "true"));

			driver().findElement(By.id("card-text")).sendKeys("朝の配信を続ける");
			driver().findElement(By.id("card-submit")).click();
			new WebDriverWait(second, TIMEOUT)
				.until(ExpectedConditions.textToBePresentInElementLocated(By.id("column-KEEP"), "朝の配信を続ける"));

			new org.openqa.selenium.support.ui.Select(second.findElement(By.id("card-column"))).selectByValue("TRY");
			second.findElement(By.id("card-text")).sendKeys("LINEで再送する");
			second.findElement(By.id("card-submit")).click();
			waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("column-TRY"), "LINEで再送する"));
		}
		finally {
			second.quit();
		}
	}

}
