package io.mawasu.crm.segmentation.rule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;

import io.mawasu.crm.segmentation.InvalidSegmentRule;
import io.mawasu.crm.segmentation.JourneyProperties;
import io.mawasu.crm.segmentation.RuleField;
import io.mawasu.crm.segmentation.RuleOperator;
import io.mawasu.crm.segmentation.SegmentRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rule JSON → checked tree → SQL with bind parameters, without a database.
 */
class RuleCompilerTests {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	static CompiledRule compile(String json) {
		return RuleCompiler.compile(SegmentRule.parse(json.replace('\'', '"')), TODAY, TOKYO);
	}

	static String condition(String field, String op, String value) {
		return "{'field':'" + field + "','op':'" + op + "','value':" + value + "}";
	}

	@Test
	void emptyAllIsEveryoneAndEmptyAnyIsNoOne() {
		assertThat(compile("{'all':[]}").where()).isEqualTo("true");
		assertThat(compile("{'any':[]}").where()).isEqualTo("false");
		assertThat(compile("{'all':[]}").fromWhere()).isEqualTo("from domain.v_customer c\nwhere true");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			gender     | eq    | 'F'            | cast(c.gender as text) = :p0
			gender     | ne    | 'M'            | cast(c.gender as text) is distinct from :p0
			gender     | in    | ['F','O']      | cast(c.gender as text) = any(cast(:p0 as text[]))
			gender     | notIn | ['F']          | ((cast(c.gender as text) = any(cast(:p0 as text[]))) is not true)
			prefecture | eq    | '東京都'        | c.prefecture = :p0
			prefecture | contains | '京'        | position(lower(:p0) in lower(c.prefecture)) > 0
			city       | ne    | 'Osaka'        | c.city is distinct from :p0
			frequency  | gt    | 1              | coalesce(s.positive_order_count, 0) > :p0
			orderCount | gte   | 2              | coalesce(s.order_count, 0) >= :p0
			monetary   | lt    | 10000.50       | coalesce(s.total_spent, 0) < :p0
			monetary   | lte   | 10000          | coalesce(s.total_spent, 0) <= :p0
			monetary   | between | [100, 200]   | (coalesce(s.total_spent, 0) between :p0 and :p1)
			rfmSegment | in    | ['champions']  | rs.segment_code = any(cast(:p0 as text[]))
			r          | eq    | 5              | rs.r = :p0
			f          | gte   | 4              | rs.f >= :p0
			m          | between | [2, 3]       | (rs.m between :p0 and :p1)
			""")
	void plainFieldsCompareTheirWhitelistedExpression(String field, String op, String value, String sql) {
		CompiledRule rule = compile(condition(field, op, value));
		assertThat(rule.where()).isEqualTo(sql);
	}

	@Test
	void journeyFieldsApplyTheJourneyRuleToTodayInTheShopZone() {
		CompiledRule stage = RuleCompiler.compile(
				SegmentRule.parse(condition("journeyStage", "in", "['first','REGULAR']").replace('\'', '"')), TODAY,
				TOKYO, new JourneyProperties(5, 30, 180, 90));
		assertThat(stage.where())
			.startsWith("(case when coalesce(c.registered_at, s.first_ordered_at, c.created_at) < :p0")
			.contains("s.positive_order_count < :p1 then 'REPEAT' else 'REGULAR'")
			.endsWith(" = any(cast(:p2 as text[]))");
		// on the map until the end of 2026-11-23 in Tokyo; regular from 5 purchases;
		// stages
		// are upper-cased
		assertThat(stage.parameters()).containsEntry("p0", OffsetDateTime.parse("2026-11-24T00:00+09:00"))
			.containsEntry("p1", 5L);
		assertThat((String[]) stage.parameters().get("p2")).containsExactly("FIRST", "REGULAR");
		assertThat(stage.from()).contains(RuleCompiler.SUMMARY_JOIN);
		CompiledRule affinity = compile(condition("affinity", "gte", "3"));
		assertThat(affinity.where()).contains("domain.v_customer_engagement e")
			.contains("s.last_positive_ordered_at >= :p2 then 2 when s.last_positive_ordered_at >= :p3 then 1")
			.endsWith(" >= :p4");
		// engagement from 90 days, recent from 30 days, lapsing from 180 days before
		// today
		assertThat(affinity.parameters()).containsEntry("p0", OffsetDateTime.parse("2026-08-25T00:00+09:00"))
			.containsEntry("p2", OffsetDateTime.parse("2026-10-24T00:00+09:00"))
			.containsEntry("p3", OffsetDateTime.parse("2026-05-27T00:00+09:00"))
			.containsEntry("p1", OffsetDateTime.parse("2026-11-24T00:00+09:00"))
			.containsEntry("p4", 3L);
	}

	@Test
	void daysFieldsAreRangesOfStartsOfDaysInTheShopZone() {
		CompiledRule recency = compile(condition("recencyDays", "lte", "90"));
		assertThat(recency.where()).isEqualTo("s.last_positive_ordered_at >= :p0");
		// 90 days before 2026-11-23 is 2026-08-25, from midnight in Tokyo
		assertThat(recency.parameters()).containsEntry("p0", OffsetDateTime.parse("2026-08-25T00:00+09:00"));
		assertThat(recency.from()).contains(RuleCompiler.SUMMARY_JOIN).doesNotContain("rfm_score");
		CompiledRule older = compile(condition("recencyDays", "gte", "90"));
		assertThat(older.where()).isEqualTo("s.last_positive_ordered_at < :p0");
		assertThat(older.parameters()).containsEntry("p0", OffsetDateTime.parse("2026-08-26T00:00+09:00"));
		assertThat(compile(condition("recencyDays", "eq", "0")).where())
			.isEqualTo("(s.last_positive_ordered_at < :p0 and s.last_positive_ordered_at >= :p1)");
		assertThat(compile(condition("recencyDays", "eq", "0")).parameters())
			.containsEntry("p0", OffsetDateTime.parse("2026-11-24T00:00+09:00"))
			.containsEntry("p1", OffsetDateTime.parse("2026-11-23T00:00+09:00"));
		assertThat(compile(condition("registeredDays", "gt", "30")).where()).isEqualTo("c.registered_at < :p0");
		assertThat(compile(condition("registeredDays", "gt", "30")).parameters()).containsEntry("p0",
				OffsetDateTime.parse("2026-10-24T00:00+09:00"));
		assertThat(compile(condition("registeredDays", "lt", "30")).where()).isEqualTo("c.registered_at >= :p0");
		assertThat(compile(condition("openedWithinDays", "lte", "30")).where()).isEqualTo(
				"(select max(e.last_opened_at) from domain.v_customer_engagement e where e.customer_id = c.id) >= :p0");
		assertThat(compile(condition("clickedWithinDays", "between", "[0, 7]")).where()).isEqualTo(
				"((select max(e.last_clicked_at) from domain.v_customer_engagement e where e.customer_id = c.id) "
						+ "< :p0 and (select max(e.last_clicked_at) from domain.v_customer_engagement e "
						+ "where e.customer_id = c.id) >= :p1)");
		assertThat(compile(condition("recencyDays", "notIn", "[1, 2]")).where()).startsWith("((")
			.endsWith(") is not true)");
	}

	@Test
	void ageIsARangeOfBirthDates() {
		assertThat(compile(condition("age", "gte", "20")).where()).isEqualTo("c.birth_date <= :p0");
		assertThat(compile(condition("age", "gte", "20")).parameters()).containsEntry("p0", LocalDate.of(2006, 11, 23));
		assertThat(compile(condition("age", "gt", "20")).parameters()).containsEntry("p0", LocalDate.of(2005, 11, 23));
		assertThat(compile(condition("age", "lt", "20")).where()).isEqualTo("c.birth_date > :p0");
		assertThat(compile(condition("age", "lt", "20")).parameters()).containsEntry("p0", LocalDate.of(2006, 11, 23));
		assertThat(compile(condition("age", "lte", "20")).parameters()).containsEntry("p0", LocalDate.of(2005, 11, 23));
		CompiledRule between = compile(condition("age", "between", "[30, 39]"));
		assertThat(between.where()).isEqualTo("(c.birth_date <= :p0 and c.birth_date > :p1)");
		assertThat(between.parameters()).containsEntry("p0", LocalDate.of(1996, 11, 23))
			.containsEntry("p1", LocalDate.of(1986, 11, 23));
		assertThat(compile(condition("age", "eq", "30")).where())
			.isEqualTo("(c.birth_date <= :p0 and c.birth_date > :p1)");
		assertThat(compile(condition("age", "ne", "30")).where())
			.isEqualTo("(((c.birth_date <= :p0 and c.birth_date > :p1)) is not true)");
		assertThat(compile(condition("age", "in", "[20, 30]")).where()).isEqualTo(
				"((c.birth_date <= :p0 and c.birth_date > :p1) or (c.birth_date <= :p2 and c.birth_date > :p3))");
		assertThat(compile(condition("age", "notIn", "[20]")).where())
			.isEqualTo("(((c.birth_date <= :p0 and c.birth_date > :p1)) is not true)");
	}

	@Test
	void tagsAreTestedAsMembership() {
		assertThat(compile(condition("tag", "eq", "'vip'")).where()).isEqualTo("c.tags @> array[cast(:p0 as text)]");
		assertThat(compile(condition("tag", "contains", "'vip'")).where())
			.isEqualTo("c.tags @> array[cast(:p0 as text)]");
		assertThat(compile(condition("tag", "ne", "'vip'")).where())
			.isEqualTo("not (c.tags @> array[cast(:p0 as text)])");
		assertThat(compile(condition("tag", "in", "['a','b']")).where()).isEqualTo("c.tags && cast(:p0 as text[])");
		assertThat(compile(condition("tag", "in", "['a','b']")).parameters())
			.satisfies((p) -> assertThat((String[]) p.get("p0")).containsExactly("a", "b"));
		assertThat(compile(condition("tag", "notIn", "['a']")).where())
			.isEqualTo("not (c.tags && cast(:p0 as text[]))");
	}

	@Test
	void purchasesAreExistsOnOrders() {
		String exists = "exists (select 1 from domain.v_order o where o.customer_id = c.id and ";
		assertThat(compile(condition("purchasedCategory", "eq", "'shoes'")).where())
			.isEqualTo(exists + "o.category = :p0)");
		assertThat(compile(condition("purchasedCategory", "ne", "'shoes'")).where())
			.isEqualTo("not " + exists + "o.category = :p0)");
		assertThat(compile(condition("purchasedBrand", "in", "['A','B']")).where())
			.isEqualTo(exists + "o.brand = any(cast(:p0 as text[])))");
		assertThat(compile(condition("purchasedBrand", "notIn", "['A']")).where())
			.isEqualTo("not " + exists + "o.brand = any(cast(:p0 as text[])))");
		assertThat(compile(condition("purchasedBrand", "contains", "'acm'")).where())
			.isEqualTo(exists + "position(lower(:p0) in lower(o.brand)) > 0)");
	}

	@Test
	void consentIsAnOptInNow() {
		String exists = "exists (select 1 from domain.v_consent_current k where k.customer_id = c.id and k.status = 'OPT_IN' "
				+ "and k.channel";
		assertThat(compile(condition("consent", "eq", "'email'")).where()).isEqualTo(exists + " = :p0)");
		assertThat(compile(condition("consent", "eq", "'email'")).parameters()).containsEntry("p0", "EMAIL");
		assertThat(compile(condition("consent", "ne", "'LINE'")).where()).isEqualTo("not " + exists + " = :p0)");
		assertThat(compile(condition("consent", "in", "['LINE','SMS']")).where())
			.isEqualTo(exists + " = any(cast(:p0 as text[])))");
		assertThat(compile(condition("consent", "notIn", "['SMS']")).where())
			.isEqualTo("not " + exists + " = any(cast(:p0 as text[])))");
	}

	@Test
	void rfmFieldsJoinTheLatestFinishedRun() {
		CompiledRule rule = compile(condition("r", "gte", "4"));
		assertThat(rule.from()).contains(RuleCompiler.RFM_JOIN).doesNotContain("customer_summary");
		assertThat(RuleCompiler.RFM_JOIN).contains("status = 'DONE'");
	}

	@Test
	void nestsGroupsAndNegation() {
		CompiledRule rule = compile("{'all':[" + condition("prefecture", "in", "['東京都','大阪府']") + ",{'any':["
				+ condition("frequency", "gte", "3") + ",{'not':" + condition("tag", "eq", "'lapsed'") + "}]}]}");
		assertThat(rule.where())
			.isEqualTo("(c.prefecture = any(cast(:p0 as text[])) and (coalesce(s.positive_order_count, 0) >= :p1 or "
					+ "((c.tags @> array[cast(:p2 as text)]) is not true)))");
		assertThat(rule.parameters()).containsEntry("p1", 3L).containsEntry("p2", "lapsed");
	}

	@Test
	void valuesNeverReachTheSqlText() {
		String evil = "x'); drop table domain.customer; --";
		CompiledRule rule = compile(condition("city", "eq", "'" + evil.replace("'", "\\u0027") + "'"));
		assertThat(rule.where()).doesNotContain("drop");
		assertThat(rule.parameters()).containsValue(evil);
	}

	@Test
	void everyFieldAndOperatorItAllowsCompiles() {
		for (RuleField field : RuleField.values()) {
			for (RuleOperator op : field.operators()) {
				String one = switch (field.kind()) {
					case TEXT -> "'x'";
					case GENDER -> "'F'";
					case CHANNEL -> "'EMAIL'";
					case STAGE -> "'FIRST'";
					default -> "3";
				};
				String value = switch (op) {
					case IN, NOT_IN -> "[" + one + "]";
					case BETWEEN -> "[" + one + "," + one + "]";
					default -> one;
				};
				CompiledRule rule = compile(condition(field.json(), op.json(), value));
				assertThat(rule.where()).as(field + " " + op).isNotBlank().doesNotContain("'x'");
			}
		}
	}

	@Test
	void writesTheRuleBackAsJson() {
		String json = "{'all':[{'field':'monetary','op':'gte','value':10000.5},{'any':[{'field':'age','op':'between',"
				+ "'value':[20,39]},{'not':{'field':'tag','op':'in','value':['a','b']}}]}]}";
		SegmentRule rule = SegmentRule.parse(json.replace('\'', '"'));
		assertThat(rule.toJson().toString()).isEqualTo(json.replace('\'', '"'));
		assertThat(SegmentRule.parse(rule.toJson())).isEqualTo(rule);
		assertThat(((SegmentRule.All) rule).rules().get(0)).isEqualTo(
				new SegmentRule.Condition(RuleField.MONETARY, RuleOperator.GTE, List.of(new BigDecimal("10000.5"))));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					[]                                                      | rule             | must be an object
					{}                                                      | rule             | is empty
					{'foo':1}                                               | foo              | unknown key 'foo'
					{'all':{}}                                              | all              | must be a list of rules
					{'all':[1]}                                             | all[0]           | must be an object
					{'all':[],'any':[]}                                     | any              | unexpected next to 'all'
					{'not':null}                                            | not              | is missing
					{'field':'shoeSize','op':'eq','value':1}                | field            | unknown field 'shoeSize'
					{'field':3,'op':'eq','value':1}                         | field            | must be the name of a field
					{'all':[{'field':'age','op':'eq','value':1},{'field':'age','op':'like','value':1}]} | all[1].op | unknown operator 'like'
					{'field':'age'}                                         | op               | is missing
					{'field':'age','op':'contains','value':1}               | op               | operator 'contains' is not valid for field 'age'
					{'field':'consent','op':'gt','value':'EMAIL'}           | op               | not valid for field 'consent'
					{'field':'age','op':'eq'}                               | value            | is missing
					{'all':[{'field':'age','op':'eq','value':1},{'field':'age','op':'eq','value':'abc'}]} | all[1].value | must be a whole number from 0 to 150 for field 'age'
					{'field':'age','op':'eq','value':200}                   | value            | from 0 to 150
					{'field':'frequency','op':'gt','value':1.5}             | value            | must be a whole number
					{'field':'r','op':'eq','value':6}                       | value            | from 1 to 5
					{'field':'monetary','op':'gte','value':'lots'}          | value            | must be a number from 0
					{'field':'monetary','op':'gte','value':-1}              | value            | must be a number from 0
					{'field':'prefecture','op':'eq','value':7}              | value            | must be text
					{'field':'prefecture','op':'eq','value':' '}            | value            | must be text
					{'field':'gender','op':'eq','value':'X'}                | value            | must be F, M or O
					{'field':'consent','op':'eq','value':'FAX'}             | value            | must be a channel
					{'field':'prefecture','op':'in','value':'Tokyo'}        | value            | must be a list
					{'field':'prefecture','op':'in','value':[]}             | value            | must not be empty
					{'field':'prefecture','op':'in','value':['a',2]}        | value[1]         | must be text
					{'field':'age','op':'between','value':[1]}              | value            | must be two values
					{'field':'age','op':'between','value':[40,20]}          | value            | lower bound 40 is above the upper bound 20
					{'field':'age','op':'eq','value':1,'extra':2}           | extra            | unknown key 'extra' in a condition
					{'any':[{'not':{'field':'tag','op':'gt','value':'a'}}]} | any[0].not.op    | not valid for field 'tag'
					{'field':'journeyStage','op':'eq','value':'VIP'}        | value            | must be a journey stage, REGISTERED, FIRST, REPEAT or REGULAR
					{'field':'journeyStage','op':'in','value':['FIRST',2]}  | value[1]         | must be a journey stage
					{'field':'journeyStage','op':'gt','value':'FIRST'}      | op               | not valid for field 'journeyStage'
					{'field':'affinity','op':'eq','value':5}                | value            | from 1 to 4 for field 'affinity'
					{'field':'affinity','op':'gte','value':0}               | value            | from 1 to 4
					""")
	void namesTheJsonPathOfEveryFault(String json, String path, String message) {
		assertThatThrownBy(() -> SegmentRule.parse(json.replace('\'', '"')))
			.isInstanceOfSatisfying(InvalidSegmentRule.class, (ex) -> {
				assertThat(ex.path()).isEqualTo(path);
				assertThat(ex.getMessage()).startsWith(path + ": ").contains(message);
			});
	}

	@Test
	void rulesAreBoundedInConditionsDepthValuesAndLength() {
		String condition = "{\"field\":\"prefecture\",\"op\":\"eq\",\"value\":\"x\"}";
		String flat = "{\"any\":[" + String.join(",", Collections.nCopies(10_000, condition)) + "]}";
		assertThatThrownBy(() -> SegmentRule.parse(flat)).isInstanceOf(InvalidSegmentRule.class)
			.hasMessageContaining("at most 200 conditions");
		String twoHundredOne = "{\"all\":[{\"any\":[" + String.join(",", Collections.nCopies(100, condition))
				+ "]},{\"any\":[" + String.join(",", Collections.nCopies(101, condition)) + "]}]}";
		assertThatThrownBy(() -> SegmentRule.parse(twoHundredOne)).isInstanceOf(InvalidSegmentRule.class)
			.hasMessageContaining("at most 200 conditions");
		assertThat(SegmentRule.parse("{\"any\":[" + String.join(",", Collections.nCopies(200, condition)) + "]}"))
			.isNotNull();
		String deep = "{\"not\":".repeat(10_000) + condition + "}".repeat(10_000);
		assertThatThrownBy(() -> SegmentRule.parse(deep)).isInstanceOf(InvalidSegmentRule.class);
		String eleven = "{\"not\":".repeat(10) + condition + "}".repeat(10);
		assertThatThrownBy(() -> SegmentRule.parse(eleven)).isInstanceOf(InvalidSegmentRule.class)
			.hasMessageContaining("at most 10 levels");
		String ten = "{\"not\":".repeat(9) + condition + "}".repeat(9);
		assertThat(SegmentRule.parse(ten)).isNotNull();
		StringBuilder values = new StringBuilder();
		for (int i = 0; i < 65_536; i++) {
			values.append((i > 0) ? "," : "").append('"').append(i).append('"');
		}
		assertThatThrownBy(() -> SegmentRule.parse("{\"field\":\"city\",\"op\":\"in\",\"value\":[" + values + "]}"))
			.isInstanceOfSatisfying(InvalidSegmentRule.class, (ex) -> {
				assertThat(ex.path()).isEqualTo("value");
				assertThat(ex.getMessage()).contains("65536 values").contains("at most 10000");
			});
		assertThatThrownBy(
				() -> SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + "x".repeat(501) + "\"}"))
			.isInstanceOf(InvalidSegmentRule.class)
			.hasMessageContaining("at most 500");
		assertThatThrownBy(() -> SegmentRule.parse("{\"field\":\"city\",\"op\":\"eq\",\"value\":\"a\\u0000b\"}"))
			.isInstanceOf(InvalidSegmentRule.class)
			.hasMessageContaining("NUL");
	}

	@Test
	void aListIsOneArrayParameterOfItsType() {
		StringBuilder values = new StringBuilder();
		for (int i = 0; i < 10_000; i++) {
			values.append((i > 0) ? "," : "").append('"').append("c").append(i).append('"');
		}
		CompiledRule rule = compile("{\"field\":\"city\",\"op\":\"in\",\"value\":[" + values + "]}");
		assertThat(rule.where()).isEqualTo("c.city = any(cast(:p0 as text[]))");
		assertThat(rule.parameters()).hasSize(1);
		assertThat((String[]) rule.parameters().get("p0")).hasSize(10_000);
		assertThat(compile(condition("r", "in", "[4, 5]")).where()).isEqualTo("rs.r = any(cast(:p0 as bigint[]))");
		assertThat(compile(condition("monetary", "notIn", "[100, 200.5]")).where())
			.isEqualTo("((coalesce(s.total_spent, 0) = any(cast(:p0 as numeric[]))) is not true)");
	}

	@Test
	void rejectsTextThatIsNotJson() {
		assertThatThrownBy(() -> SegmentRule.parse("{all:")).isInstanceOf(InvalidSegmentRule.class)
			.hasMessageStartingWith("rule: is not valid JSON");
	}

}
