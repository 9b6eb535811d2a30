package io.mawasu.crm.domain.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

@SpringBootTest
class CustomerQueriesIntegrationTests {

	@Autowired
	CustomerQueries queries;

	@Autowired
	JdbcClient jdbc;

	String prefix;

	@BeforeEach
	void prefix() {
		this.prefix = "cq" + UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	@Test
	void searchesNameEmailAndExternalIdContainingTheText() {
		insertCustomer(this.prefix + "1", "Hanako Yamada", "hanako@example.com", "Tokyo", "F", "vip");
		insertCustomer(this.prefix + "2", "Taro Suzuki", "taro." + this.prefix + "@example.com", "Osaka", "M");
		insertCustomer(this.prefix + "3", "Jiro Yamada " + this.prefix, null, "Tokyo", "M", "vip", "new");

		assertThat(externalIds(new CustomerSearch(this.prefix.toUpperCase(), null, null, null)))
			.containsExactly(this.prefix + "3", this.prefix + "2", this.prefix + "1");
		assertThat(externalIds(new CustomerSearch("TARO." + this.prefix, null, null, null)))
			.containsExactly(this.prefix + "2");
		assertThat(externalIds(new CustomerSearch(this.prefix, "Tokyo", null, null))).containsExactly(this.prefix + "3",
				this.prefix + "1");
		assertThat(externalIds(new CustomerSearch(this.prefix, "Tokyo", Gender.M, null)))
			.containsExactly(this.prefix + "3");
		assertThat(externalIds(new CustomerSearch(this.prefix, null, null, "vip"))).containsExactly(this.prefix + "3",
				this.prefix + "1");
		assertThat(externalIds(new CustomerSearch(this.prefix, null, null, "vi"))).isEmpty();
	}

	@Test
	void wildcardsInTheSearchTextMatchThemselves() {
		insertCustomer(this.prefix + "pct", "50%_off " + this.prefix, null, null, null);
		insertCustomer(this.prefix + "any", "50xyoff " + this.prefix, null, null, null);
		insertCustomer(this.prefix + "bsl", "50\\off " + this.prefix, null, null, null);

		assertThat(externalIds(new CustomerSearch("50%_off " + this.prefix, null, null, null)))
			.containsExactly(this.prefix + "pct");
		assertThat(externalIds(new CustomerSearch("50\\off " + this.prefix, null, null, null)))
			.containsExactly(this.prefix + "bsl");
		assertThat(CustomerQueries.containsPattern("a%b_c\\d")).isEqualTo("%a\\%b\\_c\\\\d%");
	}

	@Test
	void pagesNewestFirstAndTellsWhetherMoreFollow() {
		for (int i = 1; i <= 5; i++) {
			insertCustomer(this.prefix + i, "Paged", null, null, null);
		}
		CustomerSearch search = new CustomerSearch(this.prefix, null, null, null);

		CustomerPage first = this.queries.search(search, 0, 2);
		CustomerPage last = this.queries.search(search, 2, 2);

		assertThat(first.rows()).extracting(CustomerRow::externalId).containsExactly(this.prefix + 5, this.prefix + 4);
		assertThat(first.hasNext()).isTrue();
		assertThat(first.hasPrevious()).isFalse();
		assertThat(first.total()).as("no total for a filtered list").isNull();
		assertThat(last.rows()).extracting(CustomerRow::externalId).containsExactly(this.prefix + 1);
		assertThat(last.hasNext()).isFalse();
		assertThat(this.queries.search(search, 1, 3).rows()).extracting(CustomerRow::externalId)
			.containsExactly(this.prefix + 2, this.prefix + 1);
	}

	@Test
	void unfilteredListCarriesTheTotal() {
		insertCustomer(this.prefix + "t", "Total", null, null, null);
		long count = this.jdbc.sql("select count(*) from domain.customer").query(Long.class).single();

		CustomerPage page = this.queries.search(CustomerSearch.all(), 0, 20);

		assertThat(page.total()).isEqualTo(count);
		assertThat(page.totalExact()).isTrue();
		assertThat(page.rows()).first().extracting(CustomerRow::externalId).isEqualTo(this.prefix + "t");
	}

	@Test
	void rowsCarryThePurchaseSummary() {
		long id = insertCustomer(this.prefix + "s", "Summed", "s@example.com", "Kyoto", "O", "a", "b");
		insertCustomer(this.prefix + "n", "Never ordered", null, null, null);
		this.jdbc.sql("""
				insert into domain.customer_summary (customer_id, last_ordered_at, order_count, total_spent)
				values (:id, timestamptz '2026-10-01 12:00:00+09', 3, 12345.50)
				""").param("id", id).update();

		List<CustomerRow> rows = this.queries.search(new CustomerSearch(this.prefix, null, null, null), 0, 10).rows();

		assertThat(rows.get(1)).isEqualTo(new CustomerRow(this.prefix + "s", "Summed", "s@example.com", null, "Kyoto",
				Gender.O, List.of("a", "b"), 3, new BigDecimal("12345.50"), Instant.parse("2026-10-01T03:00:00Z")));
		assertThat(rows.get(0).orderCount()).isZero();
		assertThat(rows.get(0).totalSpent()).isEqualByComparingTo("0");
		assertThat(rows.get(0).lastOrderedAt()).isNull();
	}

	@Test
	void listsPrefecturesInUse() {
		insertCustomer(this.prefix + "p1", "P", null, "Hokkaido", null);
		insertCustomer(this.prefix + "p2", "P", null, "Aomori", null);
		insertCustomer(this.prefix + "p3", "P", null, "Aomori", null);
		insertCustomer(this.prefix + "p4", "P", null, "沖縄県", null);
		insertCustomer(this.prefix + "p5", "P", null, "東京都", null);
		insertCustomer(this.prefix + "p6", "P", null, "北海道", null);

		List<String> prefectures = this.queries.prefectures();

		assertThat(prefectures).contains("Aomori", "Hokkaido")
			.doesNotHaveDuplicates()
			.isSortedAccordingTo(Prefecture.BY_JIS_ORDER);
		assertThat(prefectures).containsSubsequence("北海道", "東京都", "沖縄県", "Aomori", "Hokkaido");
	}

	@Test
	void detailHasAttributesConsentsHistorySummaryAndLatestOrders() {
		long id = insertCustomer(this.prefix + "d", "Detailed", "d@example.com", "Chiba", "F", "vip");
		this.jdbc
			.sql("""
					update domain.customer set phone = '090-1234-5678', line_user_id = 'U123', birth_date = date '1990-04-05',
						city = 'Chiba-shi', registered_at = timestamptz '2024-01-02 10:00:00+09', blacklisted = true
					where id = :id
					""")
			.param("id", id)
			.update();
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source) values
					(:id, 'EMAIL', 'OPT_IN', timestamptz '2025-01-01 00:00:00Z', 'import'),
					(:id, 'LINE', 'OPT_OUT', timestamptz '2025-03-01 00:00:00Z', 'unsubscribe')
				""").param("id", id).update();
		this.jdbc.sql("""
				insert into domain.consent_history (customer_id, channel, status, changed_at, source, actor) values
					(:id, 'LINE', 'OPT_IN', timestamptz '2025-01-01 00:00:00Z', 'import', 'admin'),
					(:id, 'LINE', 'OPT_OUT', timestamptz '2025-03-01 00:00:00Z', 'unsubscribe', null),
					(:id, 'EMAIL', 'OPT_IN', timestamptz '2025-01-01 00:00:00Z', 'import', 'admin')
				""").param("id", id).update();
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount, category, brand, quantity)
				select :prefix || 'o' || n, :id, timestamptz '2025-01-01 00:00:00Z' + n * interval '1 day', 100 * n,
					case when n = 55 then 'shoes' end, case when n = 55 then 'acme' end, case when n = 55 then 2 end
				from generate_series(1, 55) n
				""").param("prefix", this.prefix).param("id", id).update();
		this.jdbc.sql("""
				insert into domain.customer_summary (customer_id, last_ordered_at, order_count, total_spent)
				values (:id, timestamptz '2025-02-25 00:00:00Z', 55, 154000)
				""").param("id", id).update();

		CustomerDetail detail = this.queries.detail(this.prefix + "d").orElseThrow();

		assertThat(detail.externalId()).isEqualTo(this.prefix + "d");
		assertThat(detail.name()).isEqualTo("Detailed");
		assertThat(detail.email()).isEqualTo("d@example.com");
		assertThat(detail.phone()).isEqualTo("090-1234-5678");
		assertThat(detail.lineUserId()).isEqualTo("U123");
		assertThat(detail.gender()).isEqualTo(Gender.F);
		assertThat(detail.birthDate()).isEqualTo(LocalDate.of(1990, 4, 5));
		assertThat(detail.prefecture()).isEqualTo("Chiba");
		assertThat(detail.city()).isEqualTo("Chiba-shi");
		assertThat(detail.tags()).containsExactly("vip");
		assertThat(detail.registeredAt()).isEqualTo(Instant.parse("2024-01-02T01:00:00Z"));
		assertThat(detail.blacklisted()).isTrue();
		assertThat(detail.consents()).containsOnly(entry(Channel.EMAIL, ConsentStatus.OPT_IN),
				entry(Channel.LINE, ConsentStatus.OPT_OUT));
		assertThat(detail.consentHistory())
			.extracting(CustomerDetail.ConsentChange::channel, CustomerDetail.ConsentChange::status)
			.containsExactly(tuple(Channel.LINE, ConsentStatus.OPT_OUT), tuple(Channel.EMAIL, ConsentStatus.OPT_IN),
					tuple(Channel.LINE, ConsentStatus.OPT_IN));
		assertThat(detail.consentHistory().get(0).actor()).isNull();
		assertThat(detail.consentHistory().get(0).source()).isEqualTo("unsubscribe");
		assertThat(detail.orderCount()).isEqualTo(55);
		assertThat(detail.totalSpent()).isEqualByComparingTo("154000");
		assertThat(detail.lastOrderedAt()).isEqualTo(Instant.parse("2025-02-25T00:00:00Z"));
		assertThat(detail.latestOrders()).hasSize(CustomerQueries.LATEST_ORDERS);
		assertThat(detail.latestOrders().get(0)).isEqualTo(new CustomerDetail.CustomerOrder(this.prefix + "o55",
				Instant.parse("2025-02-25T00:00:00Z"), new BigDecimal("5500.00"), "JPY", "shoes", "acme", 2));
		assertThat(detail.latestOrders()).last()
			.extracting(CustomerDetail.CustomerOrder::externalId)
			.isEqualTo(this.prefix + "o6");
	}

	@Test
	void customerWithoutOrdersOrConsentsHasAnEmptySummary() {
		insertCustomer(this.prefix + "e", null, null, null, null);

		CustomerDetail detail = this.queries.detail(this.prefix + "e").orElseThrow();

		assertThat(detail.consents()).isEmpty();
		assertThat(detail.consentHistory()).isEmpty();
		assertThat(detail.orderCount()).isZero();
		assertThat(detail.totalSpent()).isEqualByComparingTo("0");
		assertThat(detail.lastOrderedAt()).isNull();
		assertThat(detail.latestOrders()).isEmpty();
		assertThat(detail.tags()).isEmpty();
		assertThat(detail.gender()).isNull();
	}

	@Test
	void unknownCustomerHasNoDetail() {
		assertThat(this.queries.detail(this.prefix + "missing")).isEmpty();
	}

	private List<String> externalIds(CustomerSearch search) {
		return this.queries.search(search, 0, 50).rows().stream().map(CustomerRow::externalId).toList();
	}

	private long insertCustomer(String externalId, @Nullable String name, @Nullable String email,
			@Nullable String prefecture, @Nullable String gender, String... tags) {
		return this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, prefecture, gender, tags)
				values (:externalId, :name, :email, :prefecture, :gender, :tags)
				returning id
				""")
			.param("externalId", externalId)
			.param("name", name)
			.param("email", email)
			.param("prefecture", prefecture)
			.param("gender", gender)
			.param("tags", tags)
			.query(Long.class)
			.single();
	}

}
