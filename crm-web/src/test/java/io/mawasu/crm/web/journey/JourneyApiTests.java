package io.mawasu.crm.web.journey;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The journey API and page through HTTP on the shared test database: other tests'
 * customers are on the map too, so counts are compared before and after seeding three
 * customers of this test (worked out with the default rule, today in Asia/Tokyo):
 * <ul>
 * <li>X, registered 100 days ago, no purchase: REGISTERED at 1 on both days.</li>
 * <li>Y, registered 300 days ago, purchases 200, 150 and 100 days ago and 10 days ago,
 * opened 5 days ago: 60 days ago REPEAT at 2 (last purchase 40 days before, no open yet),
 * today REGULAR at 4: along and up.</li>
 * <li>Z, registered 30 days ago: entered the map between the two days.</li>
 * </ul>
 */
@CrmIntegrationTest
class JourneyApiTests {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	LocalDate today;

	@BeforeEach
	void users() {
		TestUsers.ensure(this.accounts);
		this.today = LocalDate.now(TOKYO);
	}

	@Test
	void mapsTheDayInEverySixteenCells() throws Exception {
		this.mvc.perform(get("/api/journey").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.at").value(this.today.toString()))
			.andExpect(jsonPath("$.regularPurchases").value(4))
			.andExpect(jsonPath("$.stages").value(contains("REGISTERED", "FIRST", "REPEAT", "REGULAR")))
			.andExpect(jsonPath("$.levels").value(contains(1, 2, 3, 4)))
			.andExpect(jsonPath("$.cells", hasSize(16)))
			.andExpect(jsonPath("$.cells[0].stage").value("REGISTERED"))
			.andExpect(jsonPath("$.cells[0].affinity").value(1))
			.andExpect(jsonPath("$.cells[0].customers").isNumber())
			.andExpect(jsonPath("$.customers").isNumber());
		this.mvc.perform(get("/api/journey").param("at", "2020-01-31").with(TestUsers.basic(Role.MANAGER)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.at").value("2020-01-31"));
	}

	@Test
	void countsNewCustomersInTheirCellsAndMovesAndTheSegmentFieldsAgree() throws Exception {
		String before = map();
		String movesBefore = moves();
		seed();
		String after = map();
		assertThat(cell(after, "REGISTERED", 1) - cell(before, "REGISTERED", 1)).as("X and Z").isEqualTo(2);
		assertThat(cell(after, "REGULAR", 4) - cell(before, "REGULAR", 4)).as("Y").isEqualTo(1);
		assertThat(this.<Integer>read(after, "$.customers") - this.<Integer>read(before, "$.customers")).isEqualTo(3);
		String movesAfter = moves();
		for (String[] axis : new String[][] { { "up", "1" }, { "down", "0" }, { "along", "1" }, { "same", "1" },
				{ "entered", "1" } }) {
			assertThat(this.<Integer>read(movesAfter, "$." + axis[0]) - this.<Integer>read(movesBefore, "$." + axis[0]))
				.as(axis[0])
				.isEqualTo(Integer.parseInt(axis[1]));
		}
		this.mvc
			.perform(post("/api/segments/count").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"rule\":{\"all\":[{\"field\":\"journeyStage\",\"op\":\"eq\",\"value\":\"REGULAR\"},"
						+ "{\"field\":\"affinity\",\"op\":\"eq\",\"value\":4}]}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.size").value(cell(after, "REGULAR", 4)));
		this.mvc
			.perform(post("/api/segments/count").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"rule\":{\"field\":\"journeyStage\",\"op\":\"eq\",\"value\":\"VIP\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("value")))
			.andExpect(content().string(containsString("journeyStage")));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			/api/journey?at=2999-01-01                     | at   | in the future
			/api/journey?at=1899-12-31                     | at   | is before 1900-01-01
			/api/journey?at=yesterday                      | at   | yesterday
			/api/journey/moves?from=2026-01-01&to=2026-01-01 | to | must be after the first day
			/api/journey/moves?from=2001-01-01&to=2020-01-01 | to | at most 10 years apart
			/api/journey/moves?from=2026-01-01&to=2999-01-01 | to | in the future
			""")
	void refusesDaysItCannotKnowNamingTheParameter(String url, String parameter, String reason) throws Exception {
		this.mvc.perform(get(url).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(parameter))
			.andExpect(jsonPath("$.errors[0].message").value(containsString(reason)));
	}

	@Test
	void answersInTheRequestsLanguage() throws Exception {
		this.mvc
			.perform(get("/api/journey").param("at", "2999-01-01")
				.header("Accept-Language", "ja")
				.with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("未来の日付")));
	}

	@Test
	void readersAreEveryoneButContentEditors() throws Exception {
		for (Role role : new Role[] { Role.ADMIN, Role.MARKETER, Role.ANALYST, Role.MANAGER }) {
			this.mvc.perform(get("/api/journey").with(TestUsers.basic(role))).andExpect(status().isOk());
			this.mvc.perform(get("/journey").with(user("u").roles(role.name()))).andExpect(status().isOk());
		}
		this.mvc.perform(get("/api/journey").with(TestUsers.basic(Role.CONTENT_EDITOR)))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(get("/api/journey/moves").param("from", "2026-01-01")
				.param("to", "2026-02-01")
				.with(TestUsers.basic(Role.CONTENT_EDITOR)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/journey").with(user("c").roles("CONTENT_EDITOR"))).andExpect(status().isForbidden());
	}

	@Test
	void thePageShowsTheGridTheRuleAndTheMoves() throws Exception {
		seed();
		this.mvc
			.perform(get("/journey").param("from", this.today.minusDays(60).toString())
				.param("to", this.today.toString())
				.with(user("m").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"journey-grid\"")))
			.andExpect(content().string(containsString("/segments/new?rule=")))
			.andExpect(content().string(containsString("id=\"journey-up\"")))
			.andExpect(content().string(containsString("at most 30 days before the day")));
		this.mvc.perform(get("/journey").with(user("a").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"journey-grid\"")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("/segments/new?rule="))));
		this.mvc
			.perform(get("/journey").param("at", "2999-01-01")
				.header("Accept-Language", "ja")
				.with(user("m").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"journey-at-error\"")))
			.andExpect(content().string(containsString("未来の日付")));
		this.mvc.perform(get("/journey").param("at", "1900-01-01").with(user("m").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"journey-empty\"")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"journey-grid\""))));
	}

	@Test
	void theBuilderOpensWithTheCellsRuleAndRefusesABadOne() throws Exception {
		String rule = "{\"all\":[{\"field\":\"journeyStage\",\"op\":\"eq\",\"value\":\"FIRST\"},"
				+ "{\"field\":\"affinity\",\"op\":\"eq\",\"value\":3}]}";
		this.mvc
			.perform(get("/segments/new").param("rule", rule)
				.param("name", "Journey: First purchase, 3 Warm")
				.with(user("m").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("journeyStage")))
			.andExpect(content().string(containsString("value=\"Journey: First purchase, 3 Warm\"")));
		this.mvc
			.perform(get("/segments/new").param("rule", "{\"field\":\"affinity\",\"op\":\"eq\",\"value\":9}")
				.with(user("m").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"rule-error-saved\"")));
	}

	@Test
	void fieldsListStagesAndLevelsWithLabels() throws Exception {
		this.mvc
			.perform(get("/api/segments/fields").header("Accept-Language", "ja").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.field == 'journeyStage')].type").value(contains("choice")))
			.andExpect(jsonPath("$[?(@.field == 'journeyStage')].values[*].label")
				.value(contains("会員登録", "初回購入", "リピート", "常連")))
			.andExpect(jsonPath("$[?(@.field == 'affinity')].type").value(contains("level")))
			.andExpect(jsonPath("$[?(@.field == 'affinity')].values[*].value").value(contains(1, 2, 3, 4)))
			.andExpect(jsonPath("$[?(@.field == 'affinity')].ops[*]").value(org.hamcrest.Matchers.hasItem("between")));
	}

	private void seed() {
		String key = "journey-api-" + UUID.randomUUID();
		long x = customer(key + "-x", 100);
		long y = customer(key + "-y", 300);
		customer(key + "-z", 30);
		for (int daysAgo : new int[] { 200, 150, 100, 10 }) {
			this.jdbc.sql("""
					insert into domain.orders (external_id, customer_id, ordered_at, amount)
					values (:key, :customer, now() - make_interval(days => :days), 2000)
					""").param("key", key + "-y-" + daysAgo).param("customer", y).param("days", daysAgo).update();
		}
		this.jdbc.sql("""
				insert into domain.customer_summary (customer_id, first_ordered_at, last_ordered_at,
					last_positive_ordered_at, order_count, positive_order_count, total_spent)
				select customer_id, min(ordered_at), max(ordered_at), max(ordered_at), count(*), count(*), sum(amount)
				from domain.orders where customer_id = :customer group by customer_id
				""").param("customer", y).update();
		// an open, as delivery's tracking records it: the event and the latest engagement
		long message = this.jdbc.sql("""
				insert into delivery.message (source_type, source_id, step_key, customer_id, channel, state, sent_at)
				values ('TEST', 1, :key, :customer, 'EMAIL', 'SENT', now() - interval '6 days') returning id
				""").param("key", key).param("customer", y).query(Long.class).single();
		this.jdbc.sql("""
				insert into delivery.event (message_id, customer_id, channel, kind, at, first)
				values (:message, :customer, 'EMAIL', 'OPENED', now() - interval '5 days', true)
				""").param("message", message).param("customer", y).update();
		this.jdbc.sql("""
				insert into domain.customer_engagement (customer_id, channel, last_opened_at)
				values (:customer, 'EMAIL', now() - interval '5 days')
				""").param("customer", y).update();
		assertThat(x).isPositive();
	}

	private long customer(String externalId, int registeredDaysAgo) {
		return this.jdbc.sql("""
				insert into domain.customer (external_id, registered_at)
				values (:key, now() - make_interval(days => :days)) returning id
				""").param("key", externalId).param("days", registeredDaysAgo).query(Long.class).single();
	}

	private String map() throws Exception {
		return this.mvc.perform(get("/api/journey").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private String moves() throws Exception {
		return this.mvc
			.perform(get("/api/journey/moves").param("from", this.today.minusDays(60).toString())
				.param("to", this.today.toString())
				.with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.from").value(this.today.minusDays(60).toString()))
			.andExpect(jsonPath("$.cells").isArray())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private long cell(String json, String stage, int affinity) {
		List<Number> found = JsonPath.read(json,
				"$.cells[?(@.stage == '" + stage + "' && @.affinity == " + affinity + ")].customers");
		assertThat(found).hasSize(1);
		return found.get(0).longValue();
	}

	private <T> T read(String json, String path) {
		return JsonPath.read(json, path);
	}

}
