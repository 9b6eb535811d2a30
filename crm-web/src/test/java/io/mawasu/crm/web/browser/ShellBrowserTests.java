package io.mawasu.crm.web.browser;

import java.util.List;
import java.util.Map;

import io.mawasu.crm.web.security.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell every page shares: the header on one row at 1280 px, 1440 px and on a tablet,
 * no sideways scrolling of the page, the chart library only where there are charts, and
 * every main page free of WCAG 2 A/AA violations (axe-core) in both languages. Leaves
 * screenshots of the main pages at 1280 and 1440 px in both languages in
 * {@code target/screenshots}.
 */
class ShellBrowserTests extends BrowserTests {

	static final List<String> MAIN_PAGES = List.of("/", "/customers", "/import", "/rfm", "/analyses", "/segments",
			"/segments/new", "/contents", "/scenarios", "/scenarios/new", "/deliveries", "/admin/users",
			"/admin/audit");

	@Test
	void theHeaderStaysOnOneRowAt1280And1440PixelsAndOnATablet() {
		loginAsAdmin();
		for (int width : new int[] { 1280, 1440, 820 }) {
			windowWidth(width);
			for (String language : List.of("en", "ja")) {
				open("/customers?lang=" + language);
				Rectangle topbar = waitFor(By.id("topbar")).getRect();
				Rectangle brand = driver().findElement(By.id("brand")).getRect();
				Rectangle user = driver().findElement(By.id("current-user")).getRect();
				Rectangle languages = driver().findElement(By.cssSelector("#session .languages")).getRect();
				assertThat(topbar.getHeight()).as("header height at %d px (%s)", width, language)
					.isLessThanOrEqualTo(60);
				for (Rectangle item : List.of(brand, user, languages)) {
					assertThat(item.getY()).as("header item on the first row at %d px", width)
						.isGreaterThanOrEqualTo(topbar.getY())
						.isLessThan(topbar.getY() + topbar.getHeight());
				}
				assertThat(brand.getX() + brand.getWidth()).isLessThan(languages.getX());
				Number overflow = (Number) ((JavascriptExecutor) driver())
					.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
				assertThat(overflow.intValue()).as("no sideways scrolling at %d px", width).isLessThanOrEqualTo(0);
				WebElement nav = driver().findElement(By.id("main-nav"));
				assertThat(nav.isDisplayed()).isTrue();
				assertThat(nav.findElements(By.cssSelector(".phase-act a")).get(0).getAttribute("href"))
					.as("the Act group leads to the PDCA cycles")
					.endsWith("/cycles");
			}
		}
	}

	@Test
	void onlyPagesWithChartsLoadTheChartLibrary() {
		open("/login?lang=en");
		assertThat(scripts()).noneMatch((src) -> src.contains("echarts"));
		loginAsAdmin();
		open("/customers");
		assertThat(scripts()).noneMatch((src) -> src.contains("echarts"));
		open("/");
		assertThat(scripts()).anyMatch((src) -> src.contains("echarts"));
		assertThat(driver().findElements(By.cssSelector("link[rel=icon]"))).hasSize(1);
	}

	@Test
	void mainPagesPassAxeInBothLanguagesAndAreScreenshotted() {
		loginAsAdmin();
		for (String language : List.of("en", "ja")) {
			language(language);
			for (int width : new int[] { 1280, 1440 }) {
				windowWidth(width);
				for (String page : MAIN_PAGES) {
					open(page);
					waitFor(By.id("main-content"));
					assertThat(driver().getTitle()).as(page).doesNotContain("??");
					assertThat(driver().getPageSource()).as(page).doesNotContain("??").doesNotContain("Whitelabel");
					if (width == 1280) {
						assertAccessible();
					}
					screenshot(name(page) + "-" + width + "-" + language);
				}
			}
		}
	}

	@Test
	void anAnalystSeesNoEditingControls() {
		loginAs(Role.ANALYST);
		language("en");
		for (Map.Entry<String, String> page : Map.of("/segments", "segment-new", "/scenarios", "scenario-new")
			.entrySet()) {
			open(page.getKey());
			waitFor(By.id("main-content"));
			assertThat(driver().findElements(By.id(page.getValue()))).as(page.getKey()).isEmpty();
		}
		open("/rfm");
		waitFor(By.id("main-content"));
		assertThat(driver().findElements(By.cssSelector("main form[action$='/rfm/runs']"))).isEmpty();
		assertThat(driver().findElements(By.cssSelector("main form[action$='/rfm/grid'] button"))).isEmpty();
	}

	private List<String> scripts() {
		return driver().findElements(By.cssSelector("script[src]")).stream().map((s) -> s.getAttribute("src")).toList();
	}

	private static String name(String page) {
		return page.equals("/") ? "home" : page.substring(1).replace('/', '-');
	}

}
