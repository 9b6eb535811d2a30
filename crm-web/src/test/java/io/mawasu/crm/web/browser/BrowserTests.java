package io.mawasu.crm.web.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.mawasu.crm.testing.TestDatabaseConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Base of the browser tests: the whole application on a random port against the test
 * database, driven by headless Chromium through Selenium. Every subclass shares this one
 * configuration, so the application starts once for all of them, and one browser (a fresh
 * profile, cookies cleared before each test) serves them all.
 * <p>
 * Chromium and its driver must be installed ({@code apt-get install chromium
 * chromium-driver}, which {@code .ci/run} does): without them these tests fail rather
 * than skip, so a green build always means the browser flows ran.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crm.security.admin-username=" + BrowserTests.ADMIN_USERNAME,
				"crm.security.admin-password=" + BrowserTests.ADMIN_PASSWORD })
@Import(TestDatabaseConfiguration.class)
public abstract class BrowserTests {

	/** The first admin the application creates from its configuration. */
	public static final String ADMIN_USERNAME = "admin";

	public static final String ADMIN_PASSWORD = io.mawasu.crm.web.TestUsers.PASSWORD;

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static @Nullable WebDriver driver;

	private static @Nullable Path profile;

	@LocalServerPort
	int port;

	@Autowired
	io.mawasu.crm.web.security.UserAccounts userAccounts;

	@BeforeAll
	static synchronized void startBrowser() throws IOException {
		if (driver != null) {
			return;
		}
		for (Path executable : new Path[] { CHROMIUM, CHROMEDRIVER }) {
			if (!Files.isExecutable(executable)) {
				fail(executable + " is missing: browser tests need Chromium and its driver. Run .ci/run, which "
						+ "installs them (apt-get install -y chromium chromium-driver fonts-ipaexfont-gothic).");
			}
		}
		profile = Files.createTempDirectory("crm-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1366,900", "--lang=en-US", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(TIMEOUT);
		Runtime.getRuntime().addShutdownHook(new Thread(BrowserTests::stopBrowser, "stop-chromium"));
	}

	/** One browser serves every browser test class; it stops when the test JVM ends. */
	static synchronized void stopBrowser() {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
		if (profile != null) {
			deleteRecursively(profile);
			profile = null;
		}
	}

	@BeforeEach
	void startLoggedOut() {
		driver().manage().deleteAllCookies();
		driver().manage().window().setSize(new Dimension(1366, 900));
	}

	protected WebDriver driver() {
		if (driver == null) {
			throw new IllegalStateException("The browser did not start");
		}
		return driver;
	}

	/** The absolute URL of a path in the running application. */
	protected String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	protected void open(String path) {
		driver().get(url(path));
	}

	/**
	 * Logs in through the login form (in English) and waits until the application has
	 * answered with a page other than the login form.
	 */
	protected void login(String username, String password) {
		driver().manage().deleteAllCookies();
		open("/login?lang=en");
		driver().findElement(By.id("username")).sendKeys(username);
		driver().findElement(By.id("password")).sendKeys(password);
		driver().findElement(By.id("login-submit")).click();
		waitUntil(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	protected void loginAsAdmin() {
		login(ADMIN_USERNAME, ADMIN_PASSWORD);
	}

	/** Logs in as the test user of this role ({@link io.mawasu.crm.web.TestUsers}). */
	protected void loginAs(io.mawasu.crm.web.security.Role role) {
		io.mawasu.crm.web.TestUsers.ensure(this.userAccounts);
		login(io.mawasu.crm.web.TestUsers.username(role), io.mawasu.crm.web.TestUsers.PASSWORD);
	}

	/**
	 * Switches the UI language ({@code ja} or {@code en}) for the rest of the session.
	 */
	protected void language(String language) {
		open("/login?lang=" + language);
	}

	/** Resizes the browser window (the page's viewport follows). */
	protected void windowWidth(int width) {
		driver().manage().window().setSize(new Dimension(width, 900));
	}

	/**
	 * Leaves a picture of the whole page in {@code target/screenshots} for a person to
	 * look at.
	 */
	protected void screenshot(String name) {
		try {
			Path folder = Files.createDirectories(Path.of("target", "screenshots"));
			JavascriptExecutor js = (JavascriptExecutor) driver();
			Dimension window = driver().manage().window().getSize();
			Number height = (Number) js.executeScript("return document.documentElement.scrollHeight");
			driver().manage()
				.window()
				.setSize(new Dimension(window.getWidth(),
						Math.min(4000, Math.max(900, height.intValue() + (window.getHeight()
								- ((Number) js.executeScript("return window.innerHeight")).intValue())))));
			Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
			driver().manage().window().setSize(window);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs axe-core (vendored under {@code src/test/resources/axe}, MPL-2.0) on the
	 * current page and fails with every violation of the WCAG 2.0/2.1 level A and AA
	 * rules.
	 */
	protected void assertAccessible() {
		assertAccessible(driver());
	}

	/** {@link #assertAccessible()} for a browser of a test class of its own. */
	static void assertAccessible(WebDriver driver) {
		JavascriptExecutor js = (JavascriptExecutor) driver;
		js.executeScript(AXE.get());
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		Object result = js.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
					.then((r) => done(r.violations.map((v) => v.id + ': ' + v.help + ' at '
						+ v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', '))))
					.catch((e) => done(['axe failed: ' + e]));
				""");
		assertThat((java.util.List<?>) result).as("axe-core WCAG 2 A/AA violations on %s", driver.getCurrentUrl())
			.isEmpty();
	}

	private static final java.util.function.Supplier<String> AXE = new java.util.function.Supplier<>() {

		private @Nullable String source;

		@Override
		public synchronized String get() {
			if (this.source == null) {
				try (java.io.InputStream in = BrowserTests.class.getResourceAsStream("/axe/axe.min.js")) {
					if (in == null) {
						throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
					}
					this.source = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			return this.source;
		}

	};

	protected WebElement waitFor(By locator) {
		return waitUntil(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	protected <T> T waitUntil(java.util.function.Function<? super WebDriver, T> condition) {
		return new WebDriverWait(driver(), TIMEOUT).until(condition);
	}

	private static void deleteRecursively(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
