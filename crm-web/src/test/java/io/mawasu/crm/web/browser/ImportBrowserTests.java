package io.mawasu.crm.web.browser;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's main flow in a real browser: log in, import a Shift_JIS customers file
 * on the Import page, find the customer in the list and open its page.
 */
class ImportBrowserTests extends BrowserTests {

	@Test
	void importedCustomerCanBeFoundAndOpened() throws IOException {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String externalId = "imp-" + unique;
		String name = "山田 花子 " + unique;
		Path file = Files.createTempFile("customers-", ".csv");
		Files.writeString(file, "external_id,name,email,prefecture,gender\r\n" + externalId + "," + name + ",hanako-"
				+ unique + "@example.com,東京都,F\r\n", Charset.forName("Windows-31J"));
		try {
			loginAsAdmin();
			open("/import?lang=en");
			new Select(waitFor(By.id("kind"))).selectByValue("CUSTOMERS");
			driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
			driver().findElement(By.id("import-submit")).click();

			WebElement inserted = waitFor(By.id("import-inserted"));
			assertThat(inserted.getText()).isEqualTo("1");
			assertThat(driver().findElement(By.id("import-rejected")).getText()).isEqualTo("0");

			open("/customers?lang=en");
			waitFor(By.id("q")).sendKeys(unique);
			driver().findElement(By.id("search-submit")).click();
			WebElement table = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("customer-table")));
			assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(1);
			table.findElement(By.cssSelector("a.customer-link")).click();
			waitUntil(ExpectedConditions.urlContains("/customers/" + externalId));

			assertThat(waitFor(By.id("customer-name")).getText()).isEqualTo(name);
			assertThat(driver().findElement(By.id("customer-email")).getText())
				.isEqualTo("hanako-" + unique + "@example.com");
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

}
