package io.mawasu.crm.scenario;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioDefinition.Branch;
import io.mawasu.crm.scenario.ScenarioDefinition.Opened;
import io.mawasu.crm.scenario.ScenarioDefinition.Reentry;
import io.mawasu.crm.scenario.ScenarioDefinition.Rule;
import io.mawasu.crm.scenario.ScenarioDefinition.Send;
import io.mawasu.crm.scenario.ScenarioDefinition.Wait;
import org.jspecify.annotations.Nullable;
import io.mawasu.crm.delivery.SendRules.QuietHours;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioDefinitionTests {

	/** Content 1 is EMAIL, 2 is LINE; segment 7 exists. */
	static final ScenarioDefinition.Lookups WORLD = new ScenarioDefinition.Lookups() {
		public Optional<Channel> contentChannel(long contentId) {
			return Optional.ofNullable(Map.of(1L, Channel.EMAIL, 2L, Channel.LINE).get(contentId));
		}

		public boolean segmentExists(long segmentId) {
			return segmentId == 7;
		}
	};

	static final String STEPS = """
			[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":1,"next":"w1"},
			 {"key":"w1","type":"WAIT","duration":"P3D","next":"b1"},
			 {"key":"b1","type":"BRANCH","if":{"opened":"s1"},"then":"s2","else":"x"},
			 {"key":"s2","type":"SEND","channel":"LINE","contentId":2,"next":"x"},
			 {"key":"x","type":"EXIT"}]""";

	static String scenario(String steps) {
		return """
				{"name":"Welcome","segmentId":7,"priority":10,"controlPercent":10,
				 "frequencyCap":{"max":3,"days":7},"goal":{"type":"PURCHASE","withinDays":14},
				 "exitAfterUnansweredSends":3,"quietHours":{"from":"21:00","to":"09:00"},
				 "steps":%s}""".formatted(steps);
	}

	static ScenarioDefinition parse(String json) {
		return ScenarioDefinition.parse(json, WORLD);
	}

	@Test
	void theContractExampleParses() {
		ScenarioDefinition d = parse(scenario(STEPS));
		assertThat(d.name()).isEqualTo("Welcome");
		assertThat(d.segmentId()).isEqualTo(7);
		assertThat(d.priority()).isEqualTo(10);
		assertThat(d.controlPercent()).isEqualTo(10);
		assertThat(d.frequencyCap().max()).isEqualTo(3);
		assertThat(d.frequencyCap().perChannel()).isFalse();
		assertThat(d.goal().withinDays()).isEqualTo(14);
		assertThat(d.exitAfterUnansweredSends()).isEqualTo(3);
		assertThat(d.reentry()).isEqualTo(Reentry.NEVER);
		assertThat(d.steps()).hasSize(5);
		assertThat(d.entry()).isEqualTo(new Send("s1", Channel.EMAIL, 1, "w1"));
		assertThat(d.steps().get(1)).isEqualTo(new Wait("w1", "P3D", "b1"));
		assertThat(d.steps().get(2)).isEqualTo(new Branch("b1", new Opened("s1"), "s2", "x"));
	}

	@Test
	void quietHoursDefaultWhenAbsentAndNoneWhenNull() {
		String withoutQuiet = scenario(STEPS).replace("\"quietHours\":{\"from\":\"21:00\",\"to\":\"09:00\"},", "");
		assertThat(parse(withoutQuiet).quietHours()).isEqualTo(ScenarioDefinition.DEFAULT_QUIET_HOURS);
		String nullQuiet = scenario(STEPS).replace("{\"from\":\"21:00\",\"to\":\"09:00\"}", "null");
		assertThat(parse(nullQuiet).quietHours()).isNull();
		String other = scenario(STEPS).replace("\"21:00\"", "\"22:30\"");
		assertThat(parse(other).quietHours().from()).isEqualTo(LocalTime.of(22, 30));
	}

	@Test
	void quietHoursPerChannelOverrideTheScenariosOwn() {
		ScenarioDefinition d = parse(scenario(STEPS).replace("{\"from\":\"21:00\",\"to\":\"09:00\"}",
				"{\"from\":\"21:00\",\"to\":\"09:00\",\"SMS\":{\"from\":\"20:00\",\"to\":\"10:00\"},\"EMAIL\":null}"));
		assertThat(d.sendRules(Channel.SMS).quietHours())
			.isEqualTo(new QuietHours(LocalTime.of(20, 0), LocalTime.of(10, 0)));
		assertThat(d.sendRules(Channel.EMAIL).quietHours()).isNull();
		assertThat(d.sendRules(Channel.LINE).quietHours()).isEqualTo(ScenarioDefinition.DEFAULT_QUIET_HOURS);
		assertThat(d.sendRules(Channel.LINE).frequencyCap()).isEqualTo(d.frequencyCap());
		invalid(scenario(STEPS).replace("{\"from\":\"21:00\",\"to\":\"09:00\"}",
				"{\"from\":\"21:00\",\"to\":\"09:00\",\"SMS\":{\"from\":\"20:00\"}}"), null, "quietHours.SMS.to");
		invalid(scenario(STEPS).replace("{\"from\":\"21:00\",\"to\":\"09:00\"}",
				"{\"from\":\"21:00\",\"to\":\"09:00\",\"FAX\":null}"), null, "quietHours.FAX");
	}

	@Test
	void reentryPolicies() {
		String base = scenario(STEPS).replace("\"priority\":10,", "\"priority\":10,\"reentry\":%s,");
		assertThat(parse(base.formatted("\"ALWAYS\"")).reentry()).isEqualTo(Reentry.ALWAYS);
		assertThat(parse(base.formatted("{\"afterDays\":30}")).reentry().afterDays()).isEqualTo(30);
		invalid(base.formatted("\"SOMETIMES\""), null, "reentry");
	}

	@Test
	void aRuleBranchParsesTheSegmentRule() {
		String steps = STEPS.replace("{\"opened\":\"s1\"}",
				"{\"rule\":{\"field\":\"frequency\",\"op\":\"gte\",\"value\":2}}");
		assertThat(((Branch) parse(scenario(steps)).steps().get(2)).condition()).isInstanceOf(Rule.class);
		invalid(scenario(
				STEPS.replace("{\"opened\":\"s1\"}", "{\"rule\":{\"field\":\"shoeSize\",\"op\":\"eq\",\"value\":2}}")),
				"b1", "if.rule");
	}

	@Test
	void aTargetThatIsNotAStepNamesTheStep() {
		InvalidScenario ex = invalid(scenario(STEPS.replace("\"then\":\"s2\"", "\"then\":\"s9\"")), "b1", "then");
		assertThat(ex.getMessage()).isEqualTo("step \"b1\": then → \"s9\" is not a step");
		invalid(scenario(STEPS.replace("\"next\":\"w1\"", "\"next\":\"nope\"")), "s1", "next");
		invalid(scenario(STEPS.replace("\"else\":\"x\"", "\"else\":\"y\"")), "b1", "else");
	}

	@Test
	void anUnreachableStepIsNamed() {
		String steps = STEPS.replace("{\"key\":\"x\",\"type\":\"EXIT\"}",
				"{\"key\":\"x\",\"type\":\"EXIT\"},{\"key\":\"lost\",\"type\":\"WAIT\",\"duration\":\"PT1H\",\"next\":\"x\"}");
		InvalidScenario ex = invalid(scenario(steps), "lost", "key");
		assertThat(ex.getMessage()).contains("unreachable");
	}

	@Test
	void aLoopWithoutAWaitIsRejectedButOneWithAWaitIsFine() {
		String loop = STEPS.replace("\"next\":\"x\"}", "\"next\":\"b1\"}");
		// s2 → b1 → s2 loops with no WAIT
		InvalidScenario ex = invalid(scenario(loop), null, "next");
		assertThat(ex.step()).isIn("b1", "s2");
		assertThat(ex.getMessage()).contains("loop without a WAIT");
		String waitLoop = STEPS.replace("\"next\":\"x\"}", "\"next\":\"w1\"}");
		assertThat(parse(scenario(waitLoop)).steps()).hasSize(5);
	}

	@Test
	void contentMustExistAndBeOfTheStepsChannel() {
		InvalidScenario wrong = invalid(scenario(STEPS.replace("\"LINE\",\"contentId\":2", "\"LINE\",\"contentId\":1")),
				"s2", "contentId");
		assertThat(wrong.getMessage()).contains("EMAIL content").contains("LINE");
		invalid(scenario(STEPS.replace("\"contentId\":1", "\"contentId\":99")), "s1", "contentId");
		invalid(scenario(STEPS.replace("\"channel\":\"EMAIL\"", "\"channel\":\"FAX\"")), "s1", "channel");
	}

	@Test
	void openedOrClickedMustNameASendStep() {
		invalid(scenario(STEPS.replace("{\"opened\":\"s1\"}", "{\"opened\":\"w1\"}")), "b1", "if.opened");
		invalid(scenario(STEPS.replace("{\"opened\":\"s1\"}", "{\"clicked\":\"zz\"}")), "b1", "if.clicked");
		invalid(scenario(STEPS.replace("{\"opened\":\"s1\"}", "{\"bought\":true}")), "b1", "if");
	}

	@Test
	void durationsAreIso8601() {
		invalid(scenario(STEPS.replace("\"P3D\"", "\"3 days\"")), "w1", "duration");
		invalid(scenario(STEPS.replace("\"P3D\"", "\"PT0S\"")), "w1", "duration");
		assertThat(parse(scenario(STEPS.replace("\"P3D\"", "\"PT30M\""))).steps()).hasSize(5);
		assertThat(parse(scenario(STEPS.replace("\"P3D\"", "\"P1M\""))).steps()).hasSize(5);
	}

	@Test
	void durationsAreBoundedToTenYearsOnSave() {
		for (String tooLong : List.of("P999999999D", "PT9223372036854775807S", "P3654D", "P10Y1D", "P121M", "P11Y",
				"P600W", "PT87673H")) {
			assertThat(
					invalid(scenario(STEPS.replace("\"P3D\"", "\"" + tooLong + "\"")), "w1", "duration").getMessage())
				.as(tooLong)
				.contains("longer than 10 years");
		}
		for (String meaningless : List.of("PT0S", "P0D", "-P1D", "PT-5M", "P-1D", "+P1D", "p3d", "P", "PT", "P1DT")) {
			invalid(scenario(STEPS.replace("\"P3D\"", "\"" + meaningless + "\"")), "w1", "duration");
		}
		for (String fine : List.of("P10Y", "P3653D", "P120M", "PT87600H", "P1Y2M3W4D", "P2DT3H", "PT0.5S")) {
			assertThat(parse(scenario(STEPS.replace("\"P3D\"", "\"" + fine + "\"")))).as(fine).isNotNull();
		}
		// the other day-valued fields: at most 3650 days, at least 1
		invalid(scenario(STEPS).replace("\"days\":7", "\"days\":999999999"), null, "frequencyCap.days");
		invalid(scenario(STEPS).replace("\"withinDays\":14", "\"withinDays\":3651"), null, "goal.withinDays");
		invalid(scenario(STEPS).replace("\"withinDays\":14", "\"withinDays\":0"), null, "goal.withinDays");
		invalid(scenario(STEPS).replace("\"priority\":10,", "\"priority\":10,\"reentry\":{\"afterDays\":-1},"), null,
				"reentry.afterDays");
		invalid(scenario(STEPS).replace("\"priority\":10,", "\"priority\":10,\"reentry\":{\"afterDays\":4000},"), null,
				"reentry.afterDays");
	}

	@Test
	void stepsAndStepKeysAreBoundedOnSave() {
		StringBuilder waits = new StringBuilder("[");
		for (int i = 1; i < ScenarioDefinition.MAX_STEPS; i++) {
			waits.append("{\"key\":\"w")
				.append(i)
				.append("\",\"type\":\"WAIT\",\"duration\":\"P1D\",\"next\":\"w")
				.append(i + 1)
				.append("\"},");
		}
		String hundred = waits + "{\"key\":\"w" + ScenarioDefinition.MAX_STEPS + "\",\"type\":\"EXIT\"}]";
		assertThat(parse(scenario(hundred)).steps()).hasSize(ScenarioDefinition.MAX_STEPS);
		String tooMany = hundred.replace("\"type\":\"EXIT\"}]",
				"\"type\":\"WAIT\",\"duration\":\"P1D\",\"next\":\"x\"},{\"key\":\"x\",\"type\":\"EXIT\"}]");
		assertThat(invalid(scenario(tooMany), null, "steps").getMessage())
			.isEqualTo("steps has 101 steps; at most 100 are allowed");
		assertThat(ScenarioDefinition.stored(scenario(tooMany)).steps()).hasSize(101);
		String longest = "k".repeat(ScenarioDefinition.MAX_KEY);
		assertThat(parse(scenario(STEPS.replace("\"x\"", "\"" + longest + "\""))).steps()).hasSize(5);
		assertThat(invalid(scenario(STEPS.replace("\"x\"", "\"" + longest + "k\"")), null, "steps[4].key").getMessage())
			.isEqualTo("steps[4].key has 101 characters; at most 100 are allowed");
	}

	@Test
	void storedDefinitionsAreReadUnboundedButCheckedAgainBeforeTheyRun() {
		String json = scenario(STEPS.replace("\"P3D\"", "\"P999999999D\""));
		assertThat(ScenarioDefinition.stored(json).steps()).hasSize(5);
		InvalidScenario ex = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidScenario.class,
				() -> ScenarioDefinition.bounded(json));
		assertThat(ex.step()).isEqualTo("w1");
		assertThat(ex.field()).isEqualTo("duration");
	}

	@Test
	void duplicateKeysUnknownFieldsAndTypes() {
		invalid(scenario(STEPS.replace("\"key\":\"s2\"", "\"key\":\"s1\"")), "s1", "key");
		invalid(scenario(STEPS.replace("\"type\":\"EXIT\"", "\"type\":\"EXIT\",\"next\":\"s1\"")), "x", "next");
		invalid(scenario(STEPS.replace("\"type\":\"EXIT\"", "\"type\":\"STOP\"")), "x", "type");
		invalid(scenario(STEPS.replace("\"duration\":\"P3D\",", "")), "w1", "duration");
		invalid(scenario(STEPS.replace(",\"next\":\"w1\"", "")), "s1", "next");
		invalid(scenario(STEPS).replace("\"priority\":10,", "\"priority\":10,\"colour\":\"red\","), null, "colour");
	}

	@Test
	void scenarioLevelFields() {
		invalid(scenario(STEPS).replace("\"controlPercent\":10", "\"controlPercent\":95"), null, "controlPercent");
		invalid(scenario(STEPS).replace("\"controlPercent\":10", "\"controlPercent\":-1"), null, "controlPercent");
		invalid(scenario(STEPS).replace("\"segmentId\":7", "\"segmentId\":8"), null, "segmentId");
		invalid(scenario(STEPS).replace("\"name\":\"Welcome\",", ""), null, "name");
		invalid(scenario("[]"), null, "steps");
		invalid(scenario(STEPS).replace("\"days\":7", "\"days\":0"), null, "frequencyCap.days");
		invalid(scenario(STEPS).replace("\"withinDays\":14", "\"withinDays\":\"soon\""), null, "goal.withinDays");
		invalid(scenario(STEPS).replace("\"PURCHASE\"", "\"VISIT\""), null, "goal.type");
		invalid(scenario(STEPS).replace("\"09:00\"", "\"9 am\""), null, "quietHours.to");
		invalid("{not json", null, "body");
	}

	private static InvalidScenario invalid(String json, @Nullable String step, String field) {
		InvalidScenario ex = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidScenario.class,
				() -> parse(json));
		assertThat(ex).as("expected InvalidScenario for %s", field).isNotNull();
		if (step != null) {
			assertThat(ex.step()).isEqualTo(step);
			assertThat(ex.getMessage()).startsWith("step \"" + step + "\": ");
		}
		assertThat(ex.field()).isEqualTo(field);
		return ex;
	}

}
