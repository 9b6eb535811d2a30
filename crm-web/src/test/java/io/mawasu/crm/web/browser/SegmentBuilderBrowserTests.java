package io.mawasu.crm.web.browser;

import java.util.List;
import java.util.UUID;

import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.web.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer builds a segment by choosing values only (a tag in use, a gender, a
 * prefecture from the JIS-ordered list), watches the live count and the sentence change,
 * saves it, sees its first snapshot, and edits it again.
 */
class SegmentBuilderBrowserTests extends BrowserTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Contents contents;

	String tag;

	@BeforeEach
	void seed() {
		this.tag = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, gender, prefecture, tags) values
				(:tag || '-1', 'Aiko', 'aiko@example.jp', 'F', '東京都', array[:tag]),
				(:tag || '-2', 'Bunta', 'bunta@example.jp', 'M', '東京都', array[:tag]),
				(:tag || '-3', 'Chika', 'chika@example.jp', 'F', '北海道', array[:tag])
				""").param("tag", this.tag).update();
	}

	@Test
	void buildsASegmentByChoosingValuesAndSavesIt() {
		loginAs(Role.MARKETER);
		open("/segments/new");
		waitFor(By.id("builder"));
		driver().findElement(By.id("segment-name")).sendKeys("Women tagged " + this.tag);

		driver().findElement(By.id("add-condition")).click();
		choose(0, "tag", "eq", this.tag);
		waitUntil(ExpectedConditions.textToBe(By.id("live-count"), "3"));

		driver().findElement(By.id("add-condition")).click();
		choose(1, "gender", "eq", "F");
		waitUntil(ExpectedConditions.textToBe(By.id("live-count"), "2"));
		assertThat(driver().findElements(By.cssSelector("#preview-table tbody tr"))).hasSize(2);

		driver().findElement(By.id("add-condition")).click();
		WebElement prefecture = condition(2);
		new Select(prefecture.findElement(By.cssSelector("select.field"))).selectByValue("prefecture");
		new Select(prefecture.findElement(By.cssSelector("select.op"))).selectByValue("in");
		Select prefectures = new Select(prefecture.findElement(By.cssSelector("select.value")));
		assertThat(prefectures.isMultiple()).isTrue();
		List<String> offered = prefectures.getOptions().stream().map(WebElement::getText).toList();
		assertThat(offered).hasSize(47).startsWith("Hokkaido", "Aomori").endsWith("Okinawa");
		prefectures.selectByValue("北海道");
		waitUntil(ExpectedConditions.textToBe(By.id("live-count"), "1"));
		assertThat(driver().findElement(By.id("rule-sentence")).getText()).contains("Female")
			.contains("Hokkaido")
			.contains(this.tag);

		WebElement recency = addAndChoose(3, "recencyDays", "lte");
		assertThat(recency.findElement(By.cssSelector("input.value")).getAttribute("type")).isEqualTo("number");
		assertThat(recency.findElement(By.cssSelector(".unit")).getText()).isEqualTo("days");
		recency.findElement(By.cssSelector(".remove")).click();
		assertAccessible();
		screenshot("segment-builder-1280-en");

		driver().findElement(By.id("segment-save")).click();
		waitFor(By.id("snapshot-table"));
		assertThat(driver().getCurrentUrl()).matches(".*/segments/\\d+$");
		List<WebElement> rows = driver().findElements(By.cssSelector("#snapshot-table tbody tr"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).findElements(By.tagName("td")).get(1).getText()).isEqualTo("1");
		assertThat(driver().findElement(By.id("segment-title")).getText()).isEqualTo("Women tagged " + this.tag);
		assertThat(driver().findElement(By.id("segment-sentence")).getText()).contains("Hokkaido").contains("Female");

		driver().findElement(By.id("segment-refresh")).click();
		waitUntil(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#snapshot-table tbody tr"), 2));
		screenshot("segment-detail-1280-en");

		driver().findElement(By.id("segment-edit")).click();
		waitFor(By.id("builder"));
		waitUntil(ExpectedConditions.textToBe(By.id("live-count"), "1"));
		condition(2).findElement(By.cssSelector(".remove")).click();
		waitUntil(ExpectedConditions.textToBe(By.id("live-count"), "2"));
		driver().findElement(By.id("segment-save")).click();
		waitFor(By.id("snapshot-table"));
		assertThat(driver().findElement(By.id("segment-sentence")).getText()).doesNotContain("Hokkaido");
	}

	/** Issue 12 item 2: a content is a choice by its name, and the rule sends its id. */
	@Test
	void choosesAReceivedContentByItsName() {
		long content = this.contents.create(new ContentRequest("Autumn news " + this.tag, Channel.EMAIL, "Autumn",
				"<p>Autumn</p>", null, null, null), "test");
		this.jdbc.sql("""
				insert into delivery.message (source_type, source_id, step_key, customer_id, channel, content_id, state,
					sent_at, finished_at)
				select 'SCENARIO', 990003, 's1', id, 'EMAIL', :content, 'SENT', now(), now()
				from domain.customer where external_id = :tag || '-1'
				""").param("tag", this.tag).param("content", content).update();
		loginAs(Role.MARKETER);
		open("/segments/new");
		waitFor(By.id("builder"));
		driver().findElement(By.id("segment-name")).sendKeys("Got the autumn news " + this.tag);
		driver().findElement(By.id("add-condition")).click();
		choose(0, "tag", "eq", this.tag);
		waitUntil(ExpectedConditions.textToBe(By.id("live-count"), "3"));
		driver().findElement(By.id("add-condition")).click();
		WebElement received = condition(1);
		new Select(received.findElement(By.cssSelector("select.field"))).selectByValue("receivedContent");
		new Select(received.findElement(By.cssSelector("select.op"))).selectByValue("eq");
		Select value = new Select(received.findElement(By.cssSelector("select.value")));
		assertThat(value.getOptions().stream().map(WebElement::getText)).contains("Autumn news " + this.tag);
		value.selectByVisibleText("Autumn news " + this.tag);
		waitUntil(ExpectedConditions.textToBe(By.id("live-count"), "1"));
		assertThat(driver().findElement(By.id("rule-sentence")).getText()).contains("Autumn news " + this.tag);
		assertAccessible();
		driver().findElement(By.id("segment-save")).click();
		waitFor(By.id("snapshot-table"));
		assertThat(driver().findElement(By.id("segment-sentence")).getText()).contains("Autumn news " + this.tag);
		assertThat(driver().findElements(By.cssSelector("#snapshot-table tbody tr"))
			.get(0)
			.findElements(By.tagName("td"))
			.get(1)
			.getText()).isEqualTo("1");
	}

	private WebElement condition(int index) {
		return driver().findElements(By.cssSelector("#builder .condition")).get(index);
	}

	private WebElement addAndChoose(int index, String field, String op) {
		driver().findElement(By.id("add-condition")).click();
		WebElement row = condition(index);
		new Select(row.findElement(By.cssSelector("select.field"))).selectByValue(field);
		new Select(row.findElement(By.cssSelector("select.op"))).selectByValue(op);
		return condition(index);
	}

	private void choose(int index, String field, String op, String value) {
		WebElement row = condition(index);
		new Select(row.findElement(By.cssSelector("select.field"))).selectByValue(field);
		new Select(row.findElement(By.cssSelector("select.op"))).selectByValue(op);
		new Select(row.findElement(By.cssSelector("select.value"))).selectByValue(value);
	}

}
