package io.mawasu.crm.web.browser;

import java.util.EnumSet;
import java.util.UUID;

import io.mawasu.crm.web.customers.CustomerFixtures;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerBrowserTests extends BrowserTests {

	static final String MANAGER = "browser-manager";

	static final String MANAGER_PASSWORD = "browser-password-1";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	String externalId;

	String name;

	@BeforeEach
	void seed() {
		if (!this.accounts.exists(MANAGER)) {
			this.accounts.create(MANAGER, MANAGER_PASSWORD, EnumSet.of(Role.MANAGER));
		}
		String unique = UUID.randomUUID().toString().substring(0, 8);
		this.externalId = "browser-" + unique;
		this.name = "Sakura Browser " + unique;
		CustomerFixtures fixtures = new CustomerFixtures(this.jdbc);
		long id = fixtures.customer(this.externalId, this.name, "sakura@example.com", "090-1234-5678", "Kyoto", "F",
				"vip");
		fixtures.consent(id, "EMAIL", "OPT_IN", "2025-01-01T00:00:00Z");
		fixtures.order(id, this.externalId + "-o1", "2026-10-01T03:00:00Z", "12800");
		fixtures.summarise(id);
	}

	@Test
	void adminFindsTheCustomerAndSeesItsContactDetailsInClear() {
		loginAsAdmin();
		openCustomerFromTheList();

		assertThat(waitFor(By.id("customer-name")).getText()).isEqualTo(this.name);
		assertThat(driver().findElement(By.id("customer-email")).getText()).isEqualTo("sakura@example.com");
		assertThat(driver().findElement(By.id("customer-phone")).getText()).isEqualTo("090-1234-5678");
		assertThat(driver().findElement(By.id("customer-total-spent")).getText()).isEqualTo("¥12,800");
		assertThat(driver().findElement(By.id("consent-EMAIL")).getText()).isEqualTo("Opted in");
	}

	@Test
	void managerSeesTheCustomerWithEmailAndPhoneMasked() {
		login(MANAGER, MANAGER_PASSWORD);
		openCustomerFromTheList();

		assertThat(waitFor(By.id("customer-name")).getText()).isEqualTo(this.name);
		assertThat(driver().findElement(By.id("customer-email")).getText()).isEqualTo("s***@example.com");
		assertThat(driver().findElement(By.id("customer-phone")).getText()).isEqualTo("090-****-5678");
		assertThat(driver().getPageSource()).doesNotContain("sakura@example.com", "090-1234-5678");
	}

	private void openCustomerFromTheList() {
		open("/customers?lang=en");
		WebElement search = waitFor(By.id("q"));
		search.sendKeys(this.externalId);
		driver().findElement(By.id("search-submit")).click();
		waitUntil(ExpectedConditions.urlContains("q=" + this.externalId));
		WebElement table = waitFor(By.id("customer-table"));
		assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(1);
		assertThat(table.getText()).contains(this.name);
		table.findElement(By.cssSelector("a.customer-link")).click();
		waitUntil(ExpectedConditions.urlContains("/customers/" + this.externalId));
	}

}
