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
import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioStatus;
import io.mawasu.crm.scenario.Scenarios;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
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

	@Autowired
	Contents contents;

	@Autowired
	Scenarios scenarios;

	WebDriver driver;

	WebDriverWait wait;

	Path profile;

	String city;

	String segmentName;

	long segmentId;

	@BeforeEach
	void start() throws Exception {
		// earlier tests' mail stays in the class's server; each test counts its own
		mail.purgeEmailFromAllMailboxes();
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
		this.segmentId = this.segments.create(this.segmentName,
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
		assertThat(this.driver.findElement(By.id("step-s1")).getAccessibleName()).contains("Welcome " + this.city);
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

	/**
	 * Issue 12 item 4: a marketer builds SEND → WAIT 2 days → BRANCH opened? (yes → SEND
	 * → EXIT, no → EXIT) only by clicking in the graph and filling the step editor, saves
	 * it, test-sends, and activates it through the confirmation that says who is messaged
	 * now, who is held as control and why fewer than the segment are enrolled.
	 */
	@Test
	void buildsABranchingScenarioInTheGraphAndActivatesItThroughTheConfirmation() throws Exception {
		// 8 reachable members, 2 without any opt-in: the confirmation explains the 2
		this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, city)
				select :city || '-' || n, 'Member ' || n, 'member-' || n || '-' || :city || '@example.jp', :city
				from generate_series(3, 10) n
				""").param("city", this.city).update();
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select id, 'EMAIL', 'OPT_IN', now() - interval '1 day', 'test' from domain.customer
				where city = :city and external_id not in (:city || '-1', :city || '-2', :city || '-9', :city || '-10')
				""").param("city", this.city).update();
		this.segments.refresh(this.segmentId);
		long first = this.contents.create(new ContentRequest("First mail " + this.city, Channel.EMAIL, "Hello {{name}}",
				"<p>Hi {{name|there}}</p>", null, null, null), "test");
		long reminder = this.contents.create(new ContentRequest("Reminder " + this.city, Channel.EMAIL,
				"Did you see it, {{name}}?", "<p>A reminder</p>", null, null, null), "test");
		this.driver.manage().window().setSize(new Dimension(1280, 1000));
		login(Role.MARKETER);

		open("/scenarios/new?lang=en");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("step-s1")));
		this.driver.findElement(By.id("sc-name")).sendKeys("Branching flow " + this.city);
		new Select(this.driver.findElement(By.id("sc-segment"))).selectByVisibleText(this.segmentName);
		WebElement control = this.driver.findElement(By.id("sc-control"));
		control.clear();
		control.sendKeys("25");
		WebElement quiet = this.driver.findElement(By.id("sc-quiet"));
		if (quiet.isSelected()) {
			quiet.click();
		}
		// s1: the first email
		this.driver.findElement(By.id("step-s1")).click();
		new Select(this.driver.findElement(By.id("step-channel"))).selectByValue("EMAIL");
		new Select(this.driver.findElement(By.id("step-content"))).selectByValue(String.valueOf(first));
		// s2: a WAIT of 2 days after s1
		this.driver.findElement(By.id("step-add")).click();
		assertThat(this.driver.findElement(By.id("step-key")).getAttribute("value")).isEqualTo("s2");
		WebElement amount = this.driver.findElement(By.id("step-duration-amount"));
		amount.clear();
		amount.sendKeys("2");
		new Select(this.driver.findElement(By.id("step-duration-unit"))).selectByValue("D");
		assertThat(this.driver.findElement(By.id("step-s2")).getAccessibleName()).contains("2 days");
		// s3: a BRANCH on "opened s1" after s2, selected by keyboard
		pressEnter(this.driver.findElement(By.id("step-s2")));
		this.wait.until(ExpectedConditions.attributeToBe(By.id("step-key"), "value", "s2"));
		this.driver.findElement(By.id("step-add")).click();
		new Select(this.driver.findElement(By.id("step-type"))).selectByValue("BRANCH");
		new Select(this.driver.findElement(By.id("step-if-kind"))).selectByValue("opened");
		new Select(this.driver.findElement(By.id("step-if-step"))).selectByValue("s1");
		assertThat(this.driver.findElement(By.id("step-add")).isDisplayed()).isFalse();
		// s4: the reminder on "yes"
		this.driver.findElement(By.id("step-add-yes")).click();
		new Select(this.driver.findElement(By.id("step-type"))).selectByValue("SEND");
		new Select(this.driver.findElement(By.id("step-channel"))).selectByValue("EMAIL");
		new Select(this.driver.findElement(By.id("step-content"))).selectByValue(String.valueOf(reminder));
		// a step put on "no" and removed again: "no" leads to the exit as before, and the
		// next new key reuses the freed number
		this.driver.findElement(By.id("step-s3")).click();
		this.driver.findElement(By.id("add-s3-else")).click();
		assertThat(this.driver.findElement(By.id("step-key")).getAttribute("value")).isEqualTo("s5");
		this.driver.findElement(By.id("step-remove")).click();
		assertThat(this.driver.findElements(By.id("step-s5"))).isEmpty();

		assertBranchDrawn();
		String definition = this.driver.findElement(By.id("scenario-json")).getAttribute("value");
		assertThat(definition).contains("\"key\": \"s3\"", "\"then\": \"s4\"", "\"else\": \"x\"",
				"\"duration\": \"P2D\"", "\"opened\": \"s1\"");
		screenshotOfFlow("scenario-flow-builder");
		BrowserTests.assertAccessible(this.driver);
		this.driver.findElement(By.id("scenario-save")).click();
		this.wait.until(ExpectedConditions.urlMatches(".*/scenarios/\\d+$"));
		long id = Long.parseLong(this.driver.getCurrentUrl().replaceAll(".*/scenarios/", ""));
		assertThat(this.driver.findElement(By.id("scenario-status")).getText()).isEqualTo("Draft");
		assertBranchDrawn();
		open("/scenarios/" + id + "?lang=ja");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("edge-s3-then")));
		assertThat(this.driver.findElement(By.cssSelector("#edge-s3-then .edge-label")).getText()).isEqualTo("はい");
		screenshotOfFlow("scenario-flow-builder-ja");
		BrowserTests.assertAccessible(this.driver);
		open("/scenarios/" + id + "?lang=en");

		this.driver.findElement(By.id("test-send-to")).sendKeys("team@example.com");
		this.driver.findElement(By.id("test-send")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scenario-notice")));
		assertThat(mail.waitForIncomingEmail(20_000, 2)).isTrue();
		List<String> tests = Arrays.stream(mail.getReceivedMessages()).map(this::subject).toList();
		assertThat(tests).hasSize(2).allMatch((subject) -> subject.startsWith("[TEST]"));
		assertThat(tests).anyMatch((subject) -> subject.contains("Did you see it"));

		this.driver.findElement(By.id("scenario-activate")).click();
		String messaged = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("activation-messaged")))
			.getText();
		String held = this.driver.findElement(By.id("activation-control")).getText();
		assertThat(messaged).matches("\\d+ customers? will be messaged now\\.");
		assertThat(held).matches("\\d+ customers? .*");
		long now = Long.parseLong(messaged.replaceAll("\\D.*", ""));
		long controlled = Long.parseLong(held.replaceAll("\\D.*", ""));
		assertThat(now + controlled).isEqualTo(8);
		assertThat(this.driver.findElement(By.id("activation-why")).getText()).contains("10", "8");
		assertThat(this.driver.findElement(By.id("activation-not-reachable")).getText()).startsWith("2 ");
		screenshot("scenario-flow-activation-confirm");
		BrowserTests.assertAccessible(this.driver);
		this.driver.findElement(By.id("scenario-activate-confirm")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("scenario-status"), "Active"));
		assertThat(this.scenarios.find(id).orElseThrow().status()).isEqualTo(ScenarioStatus.ACTIVE);
		// the treatment gets the first email now; the graph's s1 counts follow
		assertThat(mail.waitForIncomingEmail(30_000, (int) (2 + now))).isTrue();
		this.wait.until(ExpectedConditions.textMatches(By.cssSelector("#step-s1 .step-counts"),
				java.util.regex.Pattern.compile("Sent " + now)));
		assertThat(this.driver.findElements(By.id("step-editor"))).isEmpty();
		screenshotOfFlow("scenario-flow-running");
	}

	/** A read-only role sees the graph with its branches, and nothing to edit it with. */
	@Test
	void aReadOnlyRoleSeesTheGraphButNoEditingControls() {
		long content = this.contents.create(
				new ContentRequest("Read-only " + this.city, Channel.EMAIL, "Hi", "<p>Hi</p>", null, null, null),
				"test");
		long id = this.scenarios.create("""
				{"name":"Read-only %s","segmentId":%d,"priority":3,"controlPercent":10,"steps":[
				{"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"w1"},
				{"key":"w1","type":"WAIT","duration":"P1D","next":"b1"},
				{"key":"b1","type":"BRANCH","if":{"clicked":"s1"},"then":"x","else":"w1"},
				{"key":"x","type":"EXIT"}]}""".formatted(this.city, this.segmentId, content), "test");
		this.driver.manage().window().setSize(new Dimension(1280, 1000));
		login(Role.ANALYST);
		open("/scenarios/" + id + "?lang=en");
		WebElement node = this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("step-b1")));
		assertThat(node.getAttribute("role")).isEqualTo("button");
		assertThat(node.getAccessibleName()).contains("b1", "clicked s1");
		assertThat(this.driver.findElement(By.id("edge-b1-then")).getAttribute("data-to")).isEqualTo("x");
		// "no" goes back to the wait: a loop, drawn apart from the forward edges
		assertThat(this.driver.findElement(By.id("edge-b1-else")).getAttribute("class")).contains("back");
		pressEnter(node);
		this.wait.until(ExpectedConditions.attributeToBe(By.id("step-b1"), "aria-pressed", "true"));
		assertThat(this.driver.findElements(By.id("step-editor"))).isEmpty();
		assertThat(this.driver.findElements(By.id("step-add"))).isEmpty();
		assertThat(this.driver.findElements(By.cssSelector("#flow .adder"))).isEmpty();
		assertThat(this.driver.findElements(By.id("scenario-save"))).isEmpty();
		assertThat(this.driver.findElements(By.id("scenario-activate"))).isEmpty();
		screenshotOfFlow("scenario-flow-read-only");
		BrowserTests.assertAccessible(this.driver);
	}

	/**
	 * The BRANCH s3 draws "yes" into s4 and "no" into the exit: each edge's path ends on
	 * its target node, and "no" leaves to the right of "yes".
	 */
	private void assertBranchDrawn() {
		assertThat(this.driver.findElement(By.id("edge-s3-then")).getAttribute("data-to")).isEqualTo("s4");
		assertThat(this.driver.findElement(By.id("edge-s3-else")).getAttribute("data-to")).isEqualTo("x");
		assertThat(this.driver.findElement(By.cssSelector("#edge-s3-then .edge-label")).getText()).isEqualTo("yes");
		assertThat(this.driver.findElement(By.cssSelector("#edge-s3-else .edge-label")).getText()).isEqualTo("no");
		assertThat(this.driver.findElement(By.id("edge-s1-next")).getAttribute("data-to")).isEqualTo("s2");
		assertThat(this.driver.findElement(By.id("edge-s2-next")).getAttribute("data-to")).isEqualTo("s3");
		assertThat(this.driver.findElement(By.id("edge-s4-next")).getAttribute("data-to")).isEqualTo("x");
		JavascriptExecutor js = (JavascriptExecutor) this.driver;
		for (String edge : List.of("s1-next", "s2-next", "s3-then", "s3-else", "s4-next")) {
			Object ends = js.executeScript(
					"""
							const g = document.getElementById('edge-' + arguments[0]);
							const path = g.querySelector('path');
							const end = path.getPointAtLength(path.getTotalLength());
							const p = new DOMPoint(end.x, end.y).matrixTransform(path.getScreenCTM());
							const box = document.getElementById('step-' + g.dataset.to).querySelector('.box').getBoundingClientRect();
							return p.x >= box.left - 1 && p.x <= box.right + 1 && Math.abs(p.y - box.top) <= 1;
							""",
					edge);
			assertThat(ends).as("the edge %s ends on the top of its target", edge).isEqualTo(true);
		}
		Object noRightOfYes = js.executeScript("""
				const start = (id) => document.querySelector('#' + id + ' path').getPointAtLength(0).x;
				return start('edge-s3-else') > start('edge-s3-then');
				""");
		assertThat(noRightOfYes).isEqualTo(true);
	}

	/** Focuses an element (an SVG node takes no typing of its own) and presses Enter. */
	private void pressEnter(WebElement element) {
		String id = element.getAttribute("id");
		((JavascriptExecutor) this.driver).executeScript("document.getElementById(arguments[0]).focus()", id);
		assertThat(this.driver.switchTo().activeElement().getAttribute("id")).isEqualTo(id);
		new Actions(this.driver).sendKeys(Keys.ENTER).perform();
	}

	private void login(Role role) {
		open("/login");
		this.driver.findElement(By.id("username")).sendKeys(TestUsers.username(role));
		this.driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
		this.driver.findElement(By.id("login-submit")).click();
		this.wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	private String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
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

	/** A picture with the flow graph at the top of the window. */
	private void screenshotOfFlow(String name) {
		((JavascriptExecutor) this.driver).executeScript("document.getElementById('flow').scrollIntoView()");
		screenshot(name);
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
