package io.mawasu.crm.web.browser;

import io.mawasu.crm.web.customers.CustomerFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey page in Chromium: the grid with a seeded cell, the cell opening the segment
 * builder with its rule, whose live count equals the cell's count, the moves between two
 * days, and axe-core in English and Japanese (screenshots in target/screenshots).
 */
class JourneyBrowserTests extends BrowserTests {

	static final By FIRST_HOT = By.cssSelector("td.journey-cell[data-stage='FIRST'][data-level='4']");

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void seed() {
		// Three customers registered 50 days ago, one purchase 10 days ago, an open 2
		// days
		// ago: First purchase at level 4 (recent purchase 2 + engagement 1).
		String prefix = CustomerFixtures.uniquePrefix("journey");
		for (int i = 0; i < 3; i++) {
			long id = this.jdbc.sql("""
					insert into domain.customer (external_id, name, registered_at)
					values (:key, :name, now() - interval '50 days') returning id
					""").param("key", prefix + i).param("name", "旅 " + i).query(Long.class).single();
			this.jdbc.sql("""
					insert into domain.orders (external_id, customer_id, ordered_at, amount)
					values (:key, :id, now() - interval '10 days', 3000)
					""").param("key", prefix + i + "-o").param("id", id).update();
			this.jdbc
				.sql("""
						insert into domain.customer_summary (customer_id, first_ordered_at, last_ordered_at,
							last_positive_ordered_at, order_count, positive_order_count, total_spent)
						values (:id, now() - interval '10 days', now() - interval '10 days', now() - interval '10 days', 1, 1, 3000)
						""")
				.param("id", id)
				.update();
			long message = this.jdbc
				.sql("""
						insert into delivery.message (source_type, source_id, step_key, customer_id, channel, state, sent_at)
						values ('TEST', 1, :key, :id, 'EMAIL', 'SENT', now() - interval '3 days') returning id
						""")
				.param("key", prefix + i)
				.param("id", id)
				.query(Long.class)
				.single();
			this.jdbc.sql("""
					insert into delivery.event (message_id, customer_id, channel, kind, at, first)
					values (:message, :id, 'EMAIL', 'OPENED', now() - interval '2 days', true)
					""").param("message", message).param("id", id).update();
			this.jdbc.sql("""
					insert into domain.customer_engagement (customer_id, channel, last_opened_at)
					values (:id, 'EMAIL', now() - interval '2 days')
					""").param("id", id).update();
		}
	}

	@Test
	void aCellOpensTheBuilderWithItsRuleAndTheSameCount() {
		loginAsAdmin();
		open("/journey");
		WebElement cell = waitFor(FIRST_HOT);
		long customers = Long.parseLong(cell.getDomAttribute("data-customers"));
		assertThat(customers).isGreaterThanOrEqualTo(3);
		assertThat(cell.findElement(By.cssSelector(".count")).getText().replace(",", ""))
			.isEqualTo(String.valueOf(customers));
		assertThat(driver().findElements(By.cssSelector("#journey-grid tbody tr th")).get(0).getText())
			.as("highest level on top")
			.isEqualTo("4 Hot");
		assertThat(driver().findElement(By.id("journey-rule")).getText()).contains("at most 30 days", "90 days");
		assertThat(driver().findElements(By.id("journey-empty"))).isEmpty();
		assertAccessible();
		screenshot("journey-1366-en");

		cell.findElement(By.tagName("a")).click();
		waitFor(By.id("builder"));
		waitUntil(ExpectedConditions.textToBe(By.id("live-count"), String.valueOf(customers)));
		assertThat(driver().findElement(By.id("rule-sentence")).getText()).contains("Journey stage", "First purchase",
				"Affinity level", "4 Hot");
		assertThat(driver().findElement(By.id("segment-name")).getDomProperty("value"))
			.isEqualTo("Journey: First purchase, 4 Hot");
		screenshot("journey-builder-1366-en");
	}

	@Test
	void movesBetweenTwoDaysAndJapanese() {
		loginAsAdmin();
		language("ja");
		open("/journey");
		waitFor(FIRST_HOT);
		assertThat(driver().findElement(By.id("journey-title")).getText()).isEqualTo("カスタマージャーニー");
		assertAccessible();
		screenshot("journey-1366-ja");

		WebElement from = driver().findElement(By.id("journey-from"));
		String to = driver().findElement(By.id("journey-to")).getDomProperty("value");
		assertThat(from.getDomProperty("value")).isNotBlank().isLessThan(to);
		driver().findElement(By.id("journey-moves-show")).click();
		// 30 days ago (the default first day) the seeded customers were Registered at 1
		WebElement up = waitFor(By.id("journey-up"));
		assertThat(Long.parseLong(up.getText())).isGreaterThanOrEqualTo(3);
		assertThat(Long.parseLong(driver().findElement(By.id("journey-along")).getText())).isGreaterThanOrEqualTo(3);
		assertThat(driver().findElement(By.id("journey-move-table")).getText()).contains("会員登録・1 低い", "初回購入・4 高い");
		assertThat(driver().findElement(By.id("journey-moves-section")).getText()).contains("上へ", "横へ");
		assertAccessible();
		screenshot("journey-moves-1366-ja");
	}

}
