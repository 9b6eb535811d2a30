package io.mawasu.crm.web.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mawasu.crm.testing.TestMail;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.testing.TestDatabaseConfiguration;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer writes an email in the content editor, builds a two-step scenario (SEND
 * email → EXIT) on a segment in the builder, test-sends it, activates it, and the
 * messages arrive in GreenMail while the step's counts move on the page. GreenMail's port
 * goes into this class's own application context, so the shared context of
 * {@link BrowserTests} stays free of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crm.security.admin-username=admin", "crm.security.admin-password=admin-password-1",
				"crm.delivery.worker.poll-interval=200ms", "crm.scenario.engine.poll-interval=200ms" })
@Import(TestDatabaseConfiguration.class)
class ScenarioBrowserTests {

	@RegisterExtension
	static GreenMailExtension mail = TestMail.server();

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		TestMail.register(registry, mail);
	}

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Segments segments;

	WebDriver driver;

	WebDriverWait wait;

	Path profile;

	String city;

	String segmentName;

	@BeforeEach
	void start() throws IOException {
		TestUsers.ensure(this.accounts);
		this.city = "scenario-browser-" + UUID.randomUUID();
		this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, city) values
				(:city || '-1', 'Aiko', 'aiko-' || :city || '@example.jp', :city),
				(:city || '-2', 'Bunta', 'bunta-' || :city || '@example.jp', :city)
				""").param("city", this.city).update();
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select id, 'EMAIL', 'OPT_IN', now() - interval '1 day', 'test' from domain.customer where city = :city
				""").param("city", this.city).update();
		this.segmentName = "Scenario browser " + this.city;
		this.segments.create(this.segmentName,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + this.city + "\"}"), "test");
		this.profile = Files.createTempDirectory("chromium-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--lang=en-US", "--window-size=1366,1200", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(30));
	}

	@AfterEach
	void stop() {
		if (this.driver != null) {
			this.driver.quit();
		}
		FileSystemUtils.deleteRecursively(this.profile.toFile());
	}

	@Test
	void writesContentBuildsATwoStepScenarioTestSendsActivatesAndSends() throws Exception {
		open("/login");
		this.driver.findElement(By.id("username")).sendKeys(TestUsers.username(Role.MARKETER));
		this.driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
		this.driver.findElement(By.id("login-submit")).click();
		this.wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

		// content
		open("/contents/new?lang=en");
		this.driver.findElement(By.id("content-name")).sendKeys("Welcome " + this.city);
		new Select(this.driver.findElement(By.id("content-channel"))).selectByValue("EMAIL");
		this.driver.findElement(By.id("content-subject")).sendKeys("Hello {{name}}");
		this.driver.findElement(By.id("content-html")).sendKeys("<p>Hi {{name|there}}, welcome!</p>");
		this.driver.findElement(By.id("content-save")).click();
		this.wait.until(ExpectedConditions.urlMatches(".*/contents/\\d+$"));
		String contentId = this.driver.getCurrentUrl().replaceAll(".*/contents/", "");
		assertThat(this.driver.findElement(By.id("content-saved")).isDisplayed()).isTrue();

		// scenario: SEND email → EXIT on the segment, no control group, no quiet hours
		open("/scenarios/new");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("step-s1")));
		this.driver.findElement(By.id("sc-name")).sendKeys("Welcome flow " + this.city);
		new Select(this.driver.findElement(By.id("sc-segment"))).selectByVisibleText(this.segmentName);
		WebElement control = this.driver.findElement(By.id("sc-control"));
		control.clear();
		control.sendKeys("0");
		WebElement quiet = this.driver.findElement(By.id("sc-quiet"));
		if (quiet.isSelected()) {
			quiet.click();
		}
		this.driver.findElement(By.id("step-s1")).click();
		new Select(this.driver.findElement(By.id("step-channel"))).selectByValue("EMAIL");
		new Select(this.driver.findElement(By.id("step-content"))).selectByValue(contentId);
		new Select(this.driver.findElement(By.id("step-next"))).selectByValue("x");
		assertThat(this.driver.findElement(By.id("step-s1")).getText()).contains("Welcome " + this.city);
		assertThat(this.driver.findElement(By.id("step-x")).getText()).isNotBlank();
		screenshot("scenario-builder");
		this.driver.findElement(By.id("scenario-save")).click();
		this.wait.until(ExpectedConditions.urlMatches(".*/scenarios/\\d+$"));
		assertThat(this.driver.findElement(By.id("scenario-status")).getText()).isEqualTo("Draft");

		// activation goes through a confirmation; it needs a test send first
		this.driver.findElement(By.id("scenario-activate")).click();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("scenario-activate-confirm"))).click();
		assertThat(this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scenario-problem"))).getText())
			.contains("test");
		this.driver.findElement(By.id("test-send-to")).sendKeys("team@example.com");
		this.driver.findElement(By.id("test-send")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scenario-notice")));
		assertThat(mail.waitForIncomingEmail(20_000, 1)).isTrue();
		MimeMessage test = mail.getReceivedMessages()[0];
		assertThat(recipients(test)).containsExactly("team@example.com");
		assertThat(test.getSubject()).startsWith("[TEST]");

		this.driver.findElement(By.id("scenario-activate")).click();
		assertThat(
				this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("activation-messaged"))).getText())
			.isEqualTo("2 customers will be messaged now.");
		assertThat(this.driver.findElement(By.id("activation-control")).getText()).startsWith("0 customers");
		screenshot("scenario-activation-confirm");
		this.driver.findElement(By.id("scenario-activate-confirm")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("scenario-status"), "Active"));

		// both members get the email, and the SEND step's counts move on the page
		assertThat(mail.waitForIncomingEmail(30_000, 3)).isTrue();
		List<String> to = Arrays.stream(mail.getReceivedMessages())
			.skip(1)
			.map(this::recipients)
			.flatMap(List::stream)
			.sorted()
			.toList();
		assertThat(to).containsExactly("aiko-" + this.city + "@example.jp", "bunta-" + this.city + "@example.jp");
		assertThat(mail.getReceivedMessages()[1].getSubject()).isIn("Hello Aiko", "Hello Bunta");
		this.wait.until(ExpectedConditions.textToBe(By.id("count-s1-SENT"), "2"));
		this.wait.until(ExpectedConditions.textMatches(By.cssSelector("#step-s1 .step-counts"),
				java.util.regex.Pattern.compile("Sent 2")));
		screenshot("scenario-running");
	}

	private List<String> recipients(MimeMessage message) {
		try {
			return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void open(String path) {
		this.driver.get("http://localhost:" + this.port + path);
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

}
