package io.mawasu.crm.web.results;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mawasu.crm.analytics.MetricsRollups;
import io.mawasu.crm.analytics.TwoProportions;
import io.mawasu.crm.analytics.stats.BenjaminiHochberg;
import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.testing.TestMail;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A scenario with a control group from start to result, through HTTP: customers, consents
 * and orders imported through the import API, the scenario test-sent and activated, its
 * emails caught by GreenMail, opens, clicks and an unsubscribe through the real
 * {@code /t/**} and {@code /u/**} links in them, orders before, inside and after the goal
 * window (one inside imported after the fact). Every figure of the metrics is compared
 * with what this test counts itself; the incremental rollups equal a rebuild.
 */
@CrmIntegrationTest
class ScenarioMetricsApiTests {

	@RegisterExtension
	static GreenMailExtension mail = TestMail.server();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		TestMail.register(registry, mail);
	}

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Pattern OPEN = Pattern.compile("/t/o/([A-Za-z0-9_.\\-]+)");

	static final Pattern CLICK = Pattern.compile("/t/c/([A-Za-z0-9_.\\-]+)");

	static final int CUSTOMERS = 40;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Segments segments;

	@Autowired
	Contents contents;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MetricsRollups rollups;

	@Autowired
	ShopProperties shop;

	@Test
	void metricsOfAScenarioWithAControlGroupMatchWhatHappened() throws Exception {
		TestUsers.ensure(this.accounts);
		String city = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
		StringBuilder customers = new StringBuilder("external_id,email,name,gender,prefecture,city\n");
		StringBuilder consents = new StringBuilder("customer_external_id,channel,status,changed_at\n");
		for (int i = 1; i <= CUSTOMERS; i++) {
			customers.append(city + "-" + i + ",c" + i + "-" + city + "@example.jp,Customer " + i + ","
					+ ((i % 2 == 0) ? "F" : "M") + "," + ((i % 4 < 2) ? "Tokyo" : "Osaka") + "," + city + "\n");
			consents.append(city + "-" + i + ",EMAIL,OPT_IN,2026-01-01T00:00:00Z\n");
		}
		importCsv("customers", customers.toString());
		importCsv("consents", consents.toString());
		long segment = this.segments.create(city,
				SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"}"), null);
		long content = this.contents.create(
				new ContentRequest("Metrics " + city, Channel.EMAIL, "Hello A",
						"<p>Sale <a href=\"https://shop.example.com/sale\">now</a></p>", null, null,
						List.of(new ContentRequest.Variant("B", "Hello B",
								"<p>Sale B <a href=\"https://shop.example.com/sale\">now</a></p>", null, null, 50))),
				"test");
		String definition = """
				{"name":"Metrics %s","segmentId":%d,"controlPercent":30,"quietHours":null,
				 "goal":{"type":"PURCHASE","withinDays":7},
				 "steps":[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]}"""
			.formatted(city, segment, content);
		long scenario = id(this.mvc
			.perform(post("/api/scenarios").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(definition))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString());
		this.mvc
			.perform(post("/api/scenarios/{id}/test-send", scenario).with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"to\":[\"team@example.com\"]}"))
			.andExpect(status().isOk());
		Instant start = Instant.now();
		this.mvc.perform(post("/api/scenarios/{id}/activate", scenario).with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk());

		Map<String, String> groups = new HashMap<>();
		this.jdbc.sql("""
				select c.external_id, e.grp from scenario.enrollment e join domain.customer c on c.id = e.customer_id
				where e.scenario_id = :s
				""").param("s", scenario).query((rs) -> {
			groups.put(rs.getString(1), rs.getString(2));
		});
		assertThat(groups).hasSize(CUSTOMERS);
		long treatment = groups.values().stream().filter("TREATMENT"::equals).count();
		long control = CUSTOMERS - treatment;
		assertThat(control).isPositive();
		assertThat(treatment).isPositive();

		// the treatment's emails arrive (after the test send); the variant shows in the
		// subject
		assertThat(mail.waitForIncomingEmail(60_000, (int) treatment + 2)).isTrue();
		Map<String, MimeMessage> byCustomer = new HashMap<>();
		for (MimeMessage message : mail.getReceivedMessages()) {
			String to = message.getAllRecipients()[0].toString();
			if (to.endsWith("-" + city + "@example.jp")) {
				String external = city + "-" + to.substring(1, to.indexOf('-'));
				byCustomer.put(external, message);
			}
		}
		assertThat(byCustomer).hasSize((int) treatment);
		assertThat(byCustomer.keySet()).allMatch((c) -> "TREATMENT".equals(groups.get(c)));

		// opens, clicks and an unsubscribe through the links in the emails
		Map<String, String> variantOf = new HashMap<>();
		Map<String, int[]> variantCounts = new HashMap<>();
		int opens = 0;
		int uniqueOpens = 0;
		int clicks = 0;
		int uniqueClicks = 0;
		String unsubscribed = null;
		for (Map.Entry<String, MimeMessage> entry : byCustomer.entrySet()) {
			int i = number(entry.getKey());
			String variant = entry.getValue().getSubject().endsWith("B") ? "B" : "A";
			variantOf.put(entry.getKey(), variant);
			int[] v = variantCounts.computeIfAbsent(variant, (k) -> new int[3]);
			v[0]++;
			String html = html(entry.getValue());
			Matcher open = OPEN.matcher(html);
			Matcher click = CLICK.matcher(html);
			assertThat(open.find()).isTrue();
			assertThat(click.find()).isTrue();
			if (i % 3 == 0) {
				track("/t/o/" + open.group(1), 200);
				track("/t/o/" + open.group(1), 200);
				opens += 2;
				uniqueOpens++;
				v[1]++;
			}
			else if (i % 3 == 1) {
				track("/t/o/" + open.group(1), 200);
				track("/t/c/" + click.group(1), 302);
				opens++;
				uniqueOpens++;
				clicks++;
				uniqueClicks++;
				v[1]++;
				v[2]++;
			}
			if (unsubscribed == null) {
				String header = entry.getValue().getHeader("List-Unsubscribe")[0];
				String path = header.substring(header.indexOf("/u/"), header.length() - 1);
				this.mvc
					.perform(post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
						.content("List-Unsubscribe=One-Click"))
					.andExpect(status().isOk());
				unsubscribed = entry.getKey();
			}
		}

		// orders before, inside and after the 7-day window; the inside ones of i % 5 == 1
		// come later
		ZoneId zone = this.shop.timeZone();
		// imports refuse dates more than a day ahead, so the window is moved into the
		// past:
		// the enrolments are dated ten days back and the orders around that
		Instant enrolled = start.minus(10, ChronoUnit.DAYS);
		this.jdbc
			.sql("update scenario.enrollment set enrolled_at = enrolled_at - interval '10 days' where scenario_id = :s")
			.param("s", scenario)
			.update();
		Instant before = enrolled.minus(3, ChronoUnit.DAYS);
		Instant inside = enrolled.plus(1, ChronoUnit.DAYS);
		Instant inside2 = enrolled.plus(2, ChronoUnit.DAYS);
		Instant after = enrolled.plus(9, ChronoUnit.DAYS);
		StringBuilder orders = new StringBuilder("external_id,customer_external_id,ordered_at,amount\n");
		StringBuilder late = new StringBuilder("external_id,customer_external_id,ordered_at,amount\n");
		Map<String, long[]> expected = new HashMap<>(); // [converted, revenue]
		for (int i = 1; i <= CUSTOMERS; i++) {
			String c = city + "-" + i;
			long[] e = new long[2];
			switch (i % 5) {
				case 0 -> orders.append(order(c, "b", before, 5000));
				case 1 -> {
					late.append(order(c, "i", inside, 3000));
					e[0] = 1;
					e[1] = 3000;
				}
				case 2 -> orders.append(order(c, "a", after, 7000));
				case 3 -> {
					orders.append(order(c, "i", inside, 2000))
						.append(order(c, "r", inside2, -500))
						.append(order(c, "a", after, 900));
					e[0] = 1;
					e[1] = 1500;
				}
				default -> orders.append(order(c, "z", inside, 0));
			}
			expected.put(c, e);
		}
		importCsv("orders", orders.toString());
		this.rollups.refresh();

		// before the late import: only i % 5 == 3 converted
		JsonNode early = metrics(scenario);
		long earlyT = groups.entrySet()
			.stream()
			.filter((g) -> g.getValue().equals("TREATMENT") && number(g.getKey()) % 5 == 3)
			.count();
		assertThat(early.at("/treatment/conversions").asLong()).isEqualTo(earlyT);

		importCsv("orders", late.toString());
		this.rollups.refresh();
		JsonNode m = metrics(scenario);

		long convT = 0;
		long convC = 0;
		long revT = 0;
		long revC = 0;
		Map<String, long[]> variantOutcomes = new HashMap<>();
		for (Map.Entry<String, String> g : groups.entrySet()) {
			long[] e = expected.get(g.getKey());
			if (g.getValue().equals("TREATMENT")) {
				convT += e[0];
				revT += e[1];
				long[] vo = variantOutcomes.computeIfAbsent(variantOf.get(g.getKey()), (k) -> new long[2]);
				vo[0]++;
				vo[1] += e[0];
			}
			else {
				convC += e[0];
				revC += e[1];
			}
		}
		assertThat(m.get("scenarioId").asLong()).isEqualTo(scenario);
		JsonNode t = m.get("treatment");
		assertThat(t.get("size").asLong()).isEqualTo(treatment);
		assertThat(t.get("delivered").asLong()).isEqualTo(treatment);
		assertThat(t.get("failed").asLong()).isZero();
		assertThat(t.get("suppressed").asLong()).isZero();
		assertThat(t.get("deliveryRate").asDouble()).isEqualTo(1.0);
		assertThat(t.get("uniqueOpens").asLong()).isEqualTo(uniqueOpens);
		assertThat(t.get("opens").asLong()).isEqualTo(opens);
		assertThat(t.get("uniqueClicks").asLong()).isEqualTo(uniqueClicks);
		assertThat(t.get("clicks").asLong()).isEqualTo(clicks);
		assertThat(t.get("unsubscribes").asLong()).isEqualTo(1);
		assertThat(t.get("conversions").asLong()).isEqualTo(convT);
		assertThat(t.get("revenue").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(revT));
		assertThat(t.get("openRate").asDouble()).isCloseTo((double) uniqueOpens / treatment, within(1e-12));
		assertThat(t.get("ctr").asDouble()).isCloseTo((double) uniqueClicks / treatment, within(1e-12));
		assertThat(t.get("ctor").asDouble()).isCloseTo((double) uniqueClicks / uniqueOpens, within(1e-12));
		assertThat(t.get("cvr").asDouble()).isCloseTo((double) convT / treatment, within(1e-12));
		JsonNode c = m.get("control");
		assertThat(c.get("size").asLong()).isEqualTo(control);
		assertThat(c.get("conversions").asLong()).isEqualTo(convC);
		assertThat(c.get("revenue").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(revC));
		assertThat(c.get("cvr").asDouble()).isCloseTo((double) convC / control, within(1e-12));

		double p1 = (double) convT / treatment;
		double p2 = (double) convC / control;
		double pooled = (double) (convT + convC) / CUSTOMERS;
		double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / treatment + 1.0 / control));
		JsonNode lift = m.get("lift");
		assertThat(lift.get("absolute").asDouble()).isCloseTo(p1 - p2, within(1e-12));
		if (p2 > 0) {
			assertThat(lift.get("relative").asDouble()).isCloseTo((p1 - p2) / p2, within(1e-12));
		}
		else {
			assertThat(lift.get("relative").isNull()).isTrue();
		}
		assertThat(lift.get("z").asDouble()).isCloseTo(z, within(1e-9));
		assertThat(lift.get("pValue").asDouble())
			.isCloseTo(2 * new NormalDistribution().cumulativeProbability(-Math.abs(z)), within(1e-9));
		double[] ci = TwoProportions.of(convT, treatment, convC, control).ci95();
		assertThat(lift.at("/ci95/0").asDouble()).isCloseTo(ci[0], within(1e-12));
		assertThat(lift.at("/ci95/1").asDouble()).isCloseTo(ci[1], within(1e-12));
		assertThat(lift.get("ci95").get(0).asDouble()).isLessThan(p1 - p2);
		assertThat(lift.get("incrementalConversions").asDouble()).isCloseTo((p1 - p2) * treatment, within(1e-9));
		assertThat(lift.get("incrementalRevenue").asDouble())
			.isCloseTo(((double) revT / treatment - (double) revC / control) * treatment, within(1e-6));

		// per step, per variant, per day
		JsonNode step = m.at("/byStep/0");
		assertThat(step.get("step").asString()).isEqualTo("s1");
		assertThat(step.get("channel").asString()).isEqualTo("EMAIL");
		assertThat(step.get("delivered").asLong()).isEqualTo(treatment);
		assertThat(step.get("uniqueOpens").asLong()).isEqualTo(uniqueOpens);
		assertThat(step.get("uniqueClicks").asLong()).isEqualTo(uniqueClicks);
		assertThat(step.get("conversions").asLong()).isEqualTo(convT);
		Set<String> seen = new HashSet<>();
		for (JsonNode v : m.get("byVariant")) {
			String name = v.get("variant").asString();
			seen.add(name);
			int[] counts = variantCounts.get(name);
			long[] outcome = variantOutcomes.get(name);
			assertThat(v.get("delivered").asLong()).isEqualTo(counts[0]);
			assertThat(v.get("uniqueOpens").asLong()).isEqualTo(counts[1]);
			assertThat(v.get("uniqueClicks").asLong()).isEqualTo(counts[2]);
			assertThat(v.get("conversions").asLong()).isEqualTo(outcome[1]);
			assertThat(v.get("cvr").asDouble()).isCloseTo((double) outcome[1] / outcome[0], within(1e-12));
			assertThat(v.get("ctr").asDouble()).isCloseTo((double) counts[2] / counts[0], within(1e-12));
			if (name.equals("A")) {
				assertThat(v.get("vsA").isNull()).isTrue();
			}
			else if (variantOutcomes.containsKey("A")) {
				long[] a = variantOutcomes.get("A");
				assertThat(v.at("/vsA/difference").asDouble())
					.isCloseTo((double) outcome[1] / outcome[0] - (double) a[1] / a[0], within(1e-12));
			}
		}
		assertThat(seen).isEqualTo(variantCounts.keySet());
		assertThat(m.get("abTest").get("metric").asString()).isEqualTo("cvr");
		LocalDate sentDay = LocalDate.ofInstant(Instant.now(), zone);
		Map<String, long[]> days = new HashMap<>();
		for (JsonNode d : m.get("byDay")) {
			days.put(d.get("date").asString(), new long[] { d.get("delivered").asLong(), d.get("uniqueOpens").asLong(),
					d.get("uniqueClicks").asLong(), d.get("conversions").asLong() });
		}
		long[] sent = days.get(sentDay.toString());
		assertThat(sent).isNotNull();
		assertThat(sent[0]).isEqualTo(treatment);
		assertThat(sent[1]).isEqualTo(uniqueOpens);
		assertThat(sent[2]).isEqualTo(uniqueClicks);
		assertThat(days.get(LocalDate.ofInstant(inside, zone).toString())[3]).isEqualTo(convT);
		assertThat(m.get("asOf").asString()).isNotBlank();

		// drill-down by gender against our own counts, with BH over its rows
		JsonNode drill = JSON.readTree(this.mvc
			.perform(get("/api/scenarios/{id}/metrics/drilldown", scenario).param("by", "gender")
				.with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(drill.get("by").asString()).isEqualTo("gender");
		assertThat(drill.get("method").asString()).isEqualTo("BH");
		assertThat(drill.get("fdr").asDouble()).isEqualTo(0.05);
		List<Double> pValues = new ArrayList<>();
		List<Double> qValues = new ArrayList<>();
		for (JsonNode row : drill.get("rows")) {
			String gender = row.get("value").asString();
			long[] k = new long[4];
			for (Map.Entry<String, String> g : groups.entrySet()) {
				int i = number(g.getKey());
				if (((i % 2 == 0) ? "F" : "M").equals(gender)) {
					int offset = g.getValue().equals("TREATMENT") ? 0 : 2;
					k[offset]++;
					k[offset + 1] += expected.get(g.getKey())[0];
				}
			}
			assertThat(row.at("/treatment/size").asLong()).isEqualTo(k[0]);
			assertThat(row.at("/treatment/conversions").asLong()).isEqualTo(k[1]);
			assertThat(row.at("/control/size").asLong()).isEqualTo(k[2]);
			assertThat(row.at("/control/conversions").asLong()).isEqualTo(k[3]);
			if (k[0] > 0 && k[2] > 0) {
				assertThat(row.at("/lift/absolute").asDouble()).isCloseTo((double) k[1] / k[0] - (double) k[3] / k[2],
						within(1e-12));
				pValues.add(row.at("/lift/pValue").asDouble());
				qValues.add(row.get("qValue").asDouble());
				assertThat(row.get("significant").asBoolean()).isEqualTo(row.get("qValue").asDouble() <= 0.05);
			}
		}
		double[] q = BenjaminiHochberg.adjust(pValues.stream().mapToDouble(Double::doubleValue).toArray());
		for (int i = 0; i < q.length; i++) {
			assertThat(qValues.get(i)).isCloseTo(q[i], within(1e-12)).isGreaterThanOrEqualTo(pValues.get(i));
		}
		this.mvc
			.perform(get("/api/scenarios/{id}/metrics/drilldown", scenario).param("by", "shoeSize")
				.with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("by"));
		for (String by : List.of("prefecture", "ageBand", "rfmSegment", "channel")) {
			this.mvc
				.perform(get("/api/scenarios/{id}/metrics/drilldown", scenario).param("by", by)
					.with(TestUsers.basic(Role.MANAGER)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.rows").isArray());
		}

		// the incremental rollups equal a rebuild from the raw tables
		List<String> incremental = rollupRows(scenario);
		assertThat(incremental).isNotEmpty();
		this.rollups.rebuild();
		assertThat(rollupRows(scenario)).isEqualTo(incremental);
		assertThat(metrics(scenario).get("treatment")).isEqualTo(t);

		// roles: a content editor does not read the Check; nobody without a login does
		this.mvc.perform(get("/api/scenarios/{id}/metrics", scenario).with(TestUsers.basic(Role.CONTENT_EDITOR)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/scenarios/{id}/metrics", scenario)).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/scenarios/{id}/metrics", Long.MAX_VALUE).with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isNotFound());
	}

	private List<String> rollupRows(long scenario) {
		List<String> rows = new ArrayList<>(this.jdbc
			.sql("""
					select concat_ws('|', day, step_key, variant, channel, delivered, failed, suppressed, unique_opens, opens,
						unique_clicks, clicks, unsubscribes)
					from analytics.engagement_daily where scenario_id = :s order by 1
					""")
			.param("s", scenario)
			.query(String.class)
			.list());
		rows.addAll(this.jdbc
			.sql("""
					select concat_ws('|', enrollment_id, grp, within_days, variant, channel, steps, converted, first_purchase_at,
						revenue)
					from analytics.enrollment_outcome where scenario_id = :s order by enrollment_id
					""")
			.param("s", scenario)
			.query(String.class)
			.list());
		return rows;
	}

	private JsonNode metrics(long scenario) throws Exception {
		return JSON
			.readTree(this.mvc.perform(get("/api/scenarios/{id}/metrics", scenario).with(TestUsers.basic(Role.ANALYST)))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
				.andReturn()
				.getResponse()
				.getContentAsString());
	}

	private void track(String path, int expectedStatus) throws Exception {
		this.mvc.perform(get(path)).andExpect(status().is(expectedStatus));
	}

	private void importCsv(String kind, String csv) throws Exception {
		this.mvc
			.perform(post("/api/import/" + kind).with(TestUsers.basic(Role.MARKETER))
				.contentType("text/csv")
				.content(csv.getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rejected").value(0));
	}

	private static String order(String customer, String kind, Instant at, long amount) {
		return customer + "-" + kind + "-" + at.toEpochMilli() + "," + customer + "," + at + "," + amount + "\n";
	}

	private static int number(String external) {
		return Integer.parseInt(external.substring(external.lastIndexOf('-') + 1));
	}

	private static long id(String json) {
		return Long.parseLong(json.replaceAll("\\D", ""));
	}

	private static String html(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/html")) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				String html = html(body);
				if (!html.isEmpty()) {
					return html;
				}
			}
		}
		return "";
	}

}
