package io.mawasu.crm.web.browser;

import io.mawasu.crm.web.security.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors a person meets in the pages (an unknown customer or scenario, a malformed id, a
 * page their role may not open) are our own pages in their language, inside the layout,
 * with a way back home.
 */
class ErrorPageBrowserTests extends BrowserTests {

	@Test
	void notFoundBadRequestAndForbiddenInEnglish() {
		loginAs(Role.ANALYST);
		language("en");

		assertErrorPage("/customers/NOPE123", "404", "Page not found");
		screenshot("error-404-en");
		assertErrorPage("/scenarios/999999", "404", "Page not found");
		assertErrorPage("/segments/abc", "400", "This request cannot be handled");
		assertErrorPage("/segments/new", "403", "You do not have access to this page");
		assertAccessible();
		screenshot("error-403-en");
		assertErrorPage("/contents/new", "403", "You do not have access to this page");
		assertErrorPage("/import", "403", "You do not have access to this page");

		driver().findElement(By.id("error-home")).click();
		assertThat(waitFor(By.tagName("h1")).getText()).isNotEqualTo("You do not have access to this page");
		assertThat(driver().getCurrentUrl()).isEqualTo(url("/"));
	}

	@Test
	void notFoundBadRequestAndForbiddenInJapanese() {
		loginAs(Role.ANALYST);
		language("ja");

		assertErrorPage("/customers/NOPE123", "404", "ページが見つかりません");
		assertAccessible();
		screenshot("error-404-ja");
		assertErrorPage("/segments/abc", "400", "このリクエストは処理できません");
		assertErrorPage("/segments/new", "403", "このページへのアクセス権がありません");
		assertThat(driver().findElement(By.id("error-home")).getText()).isEqualTo("ホームへ戻る");
		assertThat(driver().findElement(By.cssSelector("html")).getAttribute("lang")).isEqualTo("ja");
	}

	private void assertErrorPage(String path, String status, String title) {
		open(path);
		assertThat(waitFor(By.id("error-title")).getText()).isEqualTo(title);
		assertThat(driver().findElement(By.id("error-code")).getText()).isEqualTo(status);
		assertThat(driver().getPageSource()).doesNotContain("Whitelabel");
		assertThat(driver().findElements(By.cssSelector("header.topbar nav"))).as("the layout's navigation").hasSize(1);
	}

}
