package io.mawasu.crm.web.customers;

import io.mawasu.crm.web.CrmIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@CrmIntegrationTest
class CustomerPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	CustomerFixtures fixtures;

	String prefix;

	@BeforeEach
	void seed() {
		this.fixtures = new CustomerFixtures(this.jdbc);
		this.prefix = CustomerFixtures.uniquePrefix("page");
		long hanako = this.fixtures.customer(this.prefix + "1", "Hanako " + this.prefix, "hanako@example.com",
				"090-1234-5678", "Tokyo", "F", "vip");
		this.fixtures.customer(this.prefix + "2", "Taro " + this.prefix, "taro@example.com", null, "Osaka", "M");
		this.fixtures.customer(this.prefix + "3", "Jiro " + this.prefix, "jiro@example.com", null, "Tokyo", "M", "vip");
		this.fixtures.consent(hanako, "EMAIL", "OPT_IN", "2025-01-01T00:00:00Z");
		this.fixtures.order(hanako, this.prefix + "o1", "2026-10-01T03:00:00Z", "5500");
		this.fixtures.order(hanako, this.prefix + "o2", "2026-10-02T03:00:00Z", "1234");
		this.fixtures.summarise(hanako);
	}

	@Test
	void listSearchesAndFilters() throws Exception {
		String all = page("/customers?q=" + this.prefix, "MARKETER");
		assertThat(all).contains("id=\"customer-table\"", "class=\"customer-link\"", this.prefix + "1",
				this.prefix + "2", this.prefix + "3", "hanako@example.com", "¥6,734");
		assertThat(all.indexOf(this.prefix + "3")).as("newest first").isLessThan(all.indexOf(this.prefix + "1"));

		assertThat(page("/customers?q=" + this.prefix + "&prefecture=Tokyo", "MARKETER"))
			.contains(this.prefix + "1", this.prefix + "3")
			.doesNotContain(this.prefix + "2");
		assertThat(page("/customers?q=" + this.prefix + "&prefecture=Tokyo&gender=M", "MARKETER"))
			.contains(this.prefix + "3")
			.doesNotContain(this.prefix + "1", this.prefix + "2");
		assertThat(page("/customers?q=" + this.prefix + "&tag=vip", "MARKETER"))
			.contains(this.prefix + "1", this.prefix + "3")
			.doesNotContain(this.prefix + "2");
		assertThat(page("/customers?q=" + this.prefix + "&gender=unknown", "MARKETER")).contains(this.prefix + "2");
		assertThat(page("/customers?q=nothing-matches-" + this.prefix, "MARKETER")).contains("No customers match.");
	}

	@Test
	void listLinksToTheDetailPageAndShowsTheTotalWhenUnfiltered() throws Exception {
		String html = page("/customers", "MARKETER");

		assertThat(html).contains("href=\"/customers/" + this.prefix + "3\"", "id=\"customer-total\"");
		assertThat(page("/customers?q=" + this.prefix, "MARKETER")).doesNotContain("id=\"customer-total\"");
	}

	@Test
	void listMasksPiiForManagers() throws Exception {
		String html = page("/customers?q=" + this.prefix, "MANAGER");

		assertThat(html).contains("h***@example.com", "090-****-5678").doesNotContain("hanako@example.com");
	}

	@Test
	void listPagesOnTheServer() throws Exception {
		for (int i = 0; i < CustomerController.PAGE_SIZE; i++) {
			this.fixtures.customer(this.prefix + "bulk-" + i, "Bulk", null, null, null, null);
		}
		String first = page("/customers?q=" + this.prefix, "MARKETER");
		String second = page("/customers?q=" + this.prefix + "&page=1", "MARKETER");

		assertThat(first).contains("id=\"page-next\"").doesNotContain("id=\"page-previous\"", this.prefix + "1<");
		assertThat(second).contains("id=\"page-previous\"", ">" + this.prefix + "1<")
			.doesNotContain("id=\"page-next\"");
	}

	@Test
	void detailShowsAttributesConsentsAndOrders() throws Exception {
		String html = page("/customers/" + this.prefix + "1", "MARKETER");

		assertThat(html).contains("Hanako " + this.prefix, "hanako@example.com", "090-1234-5678", "Opted in",
				"No consent (not reachable)", this.prefix + "o1", "¥5,500", "¥1,234", "¥6,734", "2026-10-01 12:00",
				"vip");
		assertThat(html.indexOf(this.prefix + "o2")).as("newest order first")
			.isLessThan(html.indexOf(this.prefix + "o1"));
	}

	@Test
	void consentSourcesAndActorsAreShownByTheirLabels() throws Exception {
		this.jdbc.sql("""
				insert into domain.consent_history (customer_id, channel, status, changed_at, source, actor)
				select id, 'LINE', 'OPT_IN', timestamptz '2025-06-01 00:00:00+00', 'signup_form', 'customer'
				from domain.customer where external_id = :id
				""").param("id", this.prefix + "1").update();
		assertThat(page("/customers/" + this.prefix + "1", "MARKETER")).contains("Sign-up form", ">Customer<")
			.doesNotContain(">signup_form<");
		String japanese = this.mvc
			.perform(get("/customers/" + this.prefix + "1").header("Accept-Language", "ja")
				.with(user("consent-labels").roles("MARKETER")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(japanese).contains("会員登録フォーム", "顧客本人");
	}

	@Test
	void detailMasksPiiForAnalystsAndRendersInJapanese() throws Exception {
		String html = this.mvc
			.perform(get("/customers/" + this.prefix + "1").header("Accept-Language", "ja")
				.with(user("analyst-page").roles("ANALYST")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(html).contains("h***@example.com", "090-****-5678", "許諾あり", "¥5,500")
			.doesNotContain("hanako@example.com");
	}

	@Test
	void unknownCustomerPageIsNotFound() throws Exception {
		this.mvc.perform(get("/customers/" + this.prefix + "missing").with(user("m").roles("MARKETER")))
			.andExpect(status().isNotFound());
	}

	@Test
	void pagesUseTheirTemplates() throws Exception {
		this.mvc.perform(get("/customers").with(user("m").roles("MARKETER")))
			.andExpect(view().name(CustomerController.LIST_VIEW));
		this.mvc.perform(get("/customers/" + this.prefix + "2").with(user("m").roles("MARKETER")))
			.andExpect(view().name(CustomerController.DETAIL_VIEW));
	}

	private String page(String url, String role) throws Exception {
		return this.mvc.perform(get(url).header("Accept-Language", "en").with(user("page-" + role).roles(role)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
