package io.mawasu.crm.web.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.mawasu.crm.testing.TestDatabaseConfiguration;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer builds a two-condition segment in headless Chromium, watches the live count
 * change, saves it and sees its first snapshot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crm.security.admin-username=admin", "crm.security.admin-password=admin-password-1" })
@Import(TestDatabaseConfiguration.class)
class SegmentBuilderBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	WebDriver driver;

	Path profile;

	String city;

	@BeforeEach
	void start() throws IOException {
		TestUsers.ensure(this.accounts);
		this.city = "browser-" + UUID.randomUUID();
		this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, gender, city) values
				(:city || '-1', 'Aiko', 'aiko@example.jp', 'F', :city),
				(:city || '-2', 'Bunta', 'bunta@example.jp', 'M', :city),
				(:city || '-3', 'Chika', 'chika@example.jp', 'F', :city)
				""").param("city", this.city).update();
		this.profile = Files.createTempDirectory("chromium-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--lang=en-US", "--window-size=1280,1024", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	@AfterEach
	void stop() {
		if (this.driver != null) {
			this.driver.quit();
		}
		FileSystemUtils.deleteRecursively(this.profile.toFile());
	}

	@Test
	void buildsASegmentWithALiveCountAndSavesIt() {
		WebDriverWait wait = new WebDriverWait(this.driver, Duration.ofSeconds(20));
		this.driver.get("http://localhost:" + this.port + "/login");
		this.driver.findElement(By.id("username")).sendKeys(TestUsers.username(Role.MARKETER));
		this.driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
		this.driver.findElement(By.id("login-submit")).click();
		wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

		this.driver.get("http://localhost:" + this.port + "/segments/new");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("live-count")));
		this.driver.findElement(By.id("segment-name")).sendKeys("Women in " + this.city);

		this.driver.findElement(By.id("add-condition")).click();
		fillCondition(0, "city", "eq", this.city);
		wait.until(ExpectedConditions.textToBe(By.id("live-count"), "3"));

		this.driver.findElement(By.id("add-condition")).click();
		fillCondition(1, "gender", "eq", "F");
		wait.until(ExpectedConditions.textToBe(By.id("live-count"), "2"));
		assertThat(this.driver.findElements(By.cssSelector("#preview-table tbody tr"))).hasSize(2);
		screenshot("segment-builder");

		this.driver.findElement(By.id("segment-save")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("snapshot-table")));
		assertThat(this.driver.getCurrentUrl()).matches(".*/segments/\\d+$");
		List<WebElement> rows = this.driver.findElements(By.cssSelector("#snapshot-table tbody tr"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).findElements(By.tagName("td")).get(1).getText()).isEqualTo("2");
		assertThat(this.driver.findElement(By.id("segment-title")).getText()).isEqualTo("Women in " + this.city);

		this.driver.findElement(By.id("segment-refresh")).click();
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#snapshot-table tbody tr"), 2));
		screenshot("segment-detail");
	}

	/** Leaves a picture of the page in target/screenshots for a person to look at. */
	private void screenshot(String name) {
		try {
			Path folder = Files.createDirectories(Path.of("target", "screenshots"));
			Files.write(folder.resolve(name + ".png"),
					((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void fillCondition(int index, String field, String op, String value) {
		WebElement row = this.driver.findElements(By.cssSelector("#builder .condition")).get(index);
		new Select(row.findElement(By.cssSelector("select.field"))).selectByValue(field);
		new Select(row.findElement(By.cssSelector("select.op"))).selectByValue(op);
		row.findElement(By.cssSelector("input.value")).sendKeys(value);
	}

}
