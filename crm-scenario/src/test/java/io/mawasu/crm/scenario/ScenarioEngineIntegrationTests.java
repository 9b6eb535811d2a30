package io.mawasu.crm.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.mawasu.crm.ScenarioTestApplication;
import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.delivery.MessageRef;
import io.mawasu.crm.delivery.MessageSkipped;
import io.mawasu.crm.delivery.SkipReason;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentChanged;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine over real PostgreSQL: enrolment and groups, steps, exits, and no step done
 * twice under concurrent engines or a crash mid-batch.
 */
@SpringBootTest(classes = ScenarioTestApplication.class)
class ScenarioEngineIntegrationTests {

	@Autowired
	Scenarios scenarios;

	@Autowired
	ScenarioEngine engine;

	@Autowired
	EnrolmentExits exits;

	@Autowired
	Segments segments;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Contents contents;

	long segmentId;

	@BeforeEach
	void customers() {
		this.jdbc.sql("""
				truncate scenario.enrollment_event, scenario.enrollment, scenario.scenario, delivery.message,
					segmentation.segment, domain.orders, domain.customer cascade
				""").update();
		this.jdbc
			.sql("""
					insert into domain.customer (external_id, email, line_user_id, prefecture, city)
					select 'sc-' || g, 'c' || g || '@example.com', 'U' || g, case when g <= 2400 then 'Tokyo' else 'Osaka' end,
						case when g % 7 = 3 then 'Shibuya' end
					from generate_series(1, 2500) g
					""")
			.update();
		// Enrolment takes only members reachable on a channel the scenario sends on.
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select c.id, ch, 'OPT_IN', now() - interval '1 day', 'test'
				from domain.customer c cross join unnest(array['EMAIL', 'LINE', 'SMS']) ch
				""").update();
		this.segmentId = this.segments.create("Tokyo",
				SegmentRule.parse("{\"field\":\"prefecture\",\"op\":\"eq\",\"value\":\"Tokyo\"}"), null);
	}

	@AfterEach
	void noHook() {
		this.engine.beforeCommit = null;
	}

	String scenario(String extra, String steps) {
		return """
				{"name":"T","segmentId":%d,%s"steps":%s}""".formatted(this.segmentId, extra, steps);
	}

	long active(String json) {
		long id = this.scenarios.create(json, "test");
		// test sends themselves are crm-delivery's (TestSends); here only their record
		// matters
		this.jdbc.sql("update scenario.scenario set test_sent_at = clock_timestamp() where id = :id")
			.param("id", id)
			.update();
		this.scenarios.activate(id);
		return id;
	}

	/**
	 * A scenario with a SEND step saved as if validated, for tests that never reach the
	 * send.
	 */
	long activeWithSend(String channel, String extra) {
		String json = scenario(extra, """
				[{"key":"w0","type":"WAIT","duration":"P1D","next":"s1"},
				 {"key":"s1","type":"SEND","channel":"%s","contentId":1,"next":"x"},{"key":"x","type":"EXIT"}]"""
			.formatted(channel));
		long id = this.jdbc.sql("""
				insert into scenario.scenario (name, segment_id, definition, edited_at, test_sent_at)
				values ('T', :segment, cast(:json as jsonb), now() - interval '1 minute', now()) returning id
				""").param("segment", this.segmentId).param("json", json).query(Long.class).single();
		this.scenarios.activate(id);
		return id;
	}

	Map<String, Long> exitsOf(long id) {
		return this.scenarios.find(id).orElseThrow().exits();
	}

	@Test
	void theControlShareIsWithinThreeSigmaAndStable() {
		long id = active(scenario("\"controlPercent\":20,", """
				[{"key":"w1","type":"WAIT","duration":"P1D","next":"x"},{"key":"x","type":"EXIT"}]"""));
		ScenarioView view = this.scenarios.find(id).orElseThrow();
		assertThat(view.enrollments().total()).isEqualTo(2400);
		double expected = 2400 * 0.2;
		double sigma = Math.sqrt(2400 * 0.2 * 0.8);
		assertThat((double) view.enrollments().control()).isBetween(expected - 3 * sigma, expected + 3 * sigma);
		// the group is a function of (scenario, customer): recomputing it agrees with the
		// stored one
		long disagree = this.jdbc.sql("""
				select count(*) from scenario.enrollment e
				where (case when ('x' || substr(md5(e.scenario_id || ':' || e.customer_id), 1, 8))::bit(32)::bigint
					% 10000 < 2000 then 'CONTROL' else 'TREATMENT' end) <> e.grp
				""").query(Long.class).single();
		assertThat(disagree).isZero();
		assertThat(view.counts().get("w1")).containsEntry("ACTIVE", 2400L).containsEntry("ENTERED", 2400L);
	}

	@Test
	void onlyMembersReachableOnTheScenariosChannelsAreEnrolledInEitherGroup() {
		this.jdbc.sql("""
				update domain.consent set status = 'OPT_OUT' where channel = 'EMAIL'
					and customer_id in (select id from domain.customer where external_id in ('sc-1', 'sc-2'))
				""").update();
		this.jdbc.sql("""
				delete from domain.consent where channel = 'EMAIL'
					and customer_id = (select id from domain.customer where external_id = 'sc-3')
				""").update();
		this.jdbc.sql("update domain.customer set blacklisted = true where external_id = 'sc-4'").update();
		long id = activeWithSend("EMAIL", "\"controlPercent\":50,");
		assertThat(this.scenarios.find(id).orElseThrow().enrollments().total()).isEqualTo(2396);
		assertThat(this.jdbc.sql("""
				select count(*) from scenario.enrollment e join domain.customer c on c.id = e.customer_id
				where c.external_id in ('sc-1', 'sc-2', 'sc-3', 'sc-4')
				""").query(Long.class).single()).isZero();
	}

	@Test
	void aWaitHoldsForItsDurationThenTheEnrolmentCompletes() throws Exception {
		long id = active(scenario("", """
				[{"key":"w1","type":"WAIT","duration":"PT2S","next":"x"},{"key":"x","type":"EXIT"}]"""));
		assertThat(this.engine.runOnce()).isZero();
		assertThat(this.scenarios.find(id).orElseThrow().enrollments().active()).isEqualTo(2400);
		Thread.sleep(2100);
		assertThat(this.engine.runOnce()).isEqualTo(2400);
		assertThat(exitsOf(id)).containsExactlyEntriesOf(Map.of("COMPLETED", 2400L));
	}

	@Test
	void aPurchaseSinceEnrolmentIsTheGoal() throws Exception {
		long id = active(scenario("\"goal\":{\"type\":\"PURCHASE\",\"withinDays\":14},", """
				[{"key":"w1","type":"WAIT","duration":"PT1S","next":"x"},{"key":"x","type":"EXIT"}]"""));
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount)
				select 'o-' || id, id, now(), 1000 from domain.customer where external_id in ('sc-1', 'sc-2', 'sc-3')
				""").update();
		// an order from before the enrolment does not count
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount)
				select 'old-' || id, id, now() - interval '1 day', 1000 from domain.customer where external_id = 'sc-4'
				""").update();
		Thread.sleep(1100);
		this.engine.runOnce();
		assertThat(exitsOf(id)).containsEntry("GOAL", 3L).containsEntry("COMPLETED", 2397L);
		// the Response of 4R: goals per group, CONTROL's counted like TREATMENT's
		long controlBuyers = this.jdbc.sql("""
				select count(*) from scenario.enrollment e join domain.customer c on c.id = e.customer_id
				where e.scenario_id = :id and e.grp = 'CONTROL' and c.external_id in ('sc-1', 'sc-2', 'sc-3')
				""").param("id", id).query(Long.class).single();
		ScenarioView.Enrollments enrollments = this.scenarios.find(id).orElseThrow().enrollments();
		assertThat(enrollments.controlGoal()).isEqualTo(controlBuyers);
		assertThat(enrollments.treatmentGoal()).isEqualTo(3 - controlBuyers);
	}

	@Test
	void branchesOnARuleAndOnPurchases() {
		long id = active(scenario("", """
				[{"key":"b1","type":"BRANCH","if":{"rule":{"field":"city","op":"eq","value":"Shibuya"}},
				  "then":"b2","else":"x"},
				 {"key":"b2","type":"BRANCH","if":{"purchased":true},"then":"x","else":"w"},
				 {"key":"w","type":"WAIT","duration":"P1D","next":"x"},
				 {"key":"x","type":"EXIT"}]"""));
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount)
				select 'o-' || id, id, now() + interval '1 second', 1000 from domain.customer where external_id = 'sc-3'
				""").update();
		this.engine.runOnce();
		long rule = this.jdbc.sql("""
				select count(*) from domain.customer where prefecture = 'Tokyo' and city = 'Shibuya'
				""").query(Long.class).single();
		ScenarioView view = this.scenarios.find(id).orElseThrow();
		assertThat(view.counts().get("b1")).containsEntry("BRANCH_THEN", rule)
			.containsEntry("BRANCH_ELSE", 2400 - rule);
		assertThat(view.counts().get("b2")).containsEntry("BRANCH_THEN", 1L).containsEntry("BRANCH_ELSE", rule - 1);
		assertThat(view.counts().get("w")).containsEntry("ACTIVE", rule - 1);
	}

	@Test
	void twoEnginesSideBySideAdvanceEachEnrolmentOnce() throws Exception {
		long id = active(scenario("", """
				[{"key":"b1","type":"BRANCH","if":{"purchased":true},"then":"x","else":"w"},
				 {"key":"w","type":"WAIT","duration":"P1D","next":"x"},{"key":"x","type":"EXIT"}]"""));
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit((Callable<Integer>) this.engine::runOnce));
			}
			int total = 0;
			for (Future<Integer> run : runs) {
				total += run.get();
			}
			assertThat(total).isEqualTo(2400);
		}
		finally {
			pool.shutdown();
		}
		assertOnePerEnrolment(id, "b1", "BRANCH_ELSE");
		assertOnePerEnrolment(id, "w", "ENTERED");
	}

	@Test
	void aCrashMidBatchIsRedoneWithoutDuplicates() {
		long id = active(scenario("", """
				[{"key":"b1","type":"BRANCH","if":{"purchased":true},"then":"x","else":"w"},
				 {"key":"w","type":"WAIT","duration":"P1D","next":"x"},{"key":"x","type":"EXIT"}]"""));
		this.engine.beforeCommit = () -> {
			throw new IllegalStateException("crash");
		};
		assertThatThrownBy(this.engine::runOnce).hasMessage("crash");
		assertThat(this.scenarios.find(id).orElseThrow().counts().get("b1")).containsEntry("ACTIVE", 2400L)
			.doesNotContainKey("BRANCH_ELSE");
		this.engine.beforeCommit = null;
		assertThat(this.engine.runOnce()).isEqualTo(2400);
		assertOnePerEnrolment(id, "b1", "BRANCH_ELSE");
	}

	@Test
	void aHigherPriorityScenarioHoldsTheCustomer() {
		String steps = """
				[{"key":"w1","type":"WAIT","duration":"P1D","next":"x"},{"key":"x","type":"EXIT"}]""";
		long high = active(scenario("\"priority\":50,", steps));
		long low = active(scenario("\"priority\":10,", steps));
		assertThat(exitsOf(low)).containsExactlyEntriesOf(Map.of("PRIORITY", 2400L));
		assertThat(this.scenarios.find(high).orElseThrow().enrollments().active()).isEqualTo(2400);
		long tie = active(scenario("\"priority\":50,", steps));
		assertThat(exitsOf(tie)).containsExactlyEntriesOf(Map.of("PRIORITY", 2400L));
		// a more important scenario started later takes the customers over
		long top = active(scenario("\"priority\":90,", steps));
		assertThat(this.scenarios.find(top).orElseThrow().enrollments().active()).isEqualTo(2400);
		assertThat(exitsOf(high)).containsExactlyEntriesOf(Map.of("PRIORITY", 2400L));
		assertThat(this.jdbc.sql("""
				select count(*) from (select customer_id from scenario.enrollment where state = 'ACTIVE'
					group by customer_id having count(*) > 1) twice
				""").query(Long.class).single()).isZero();
	}

	@Test
	void archivingExitsEveryActiveEnrolmentAndPausingHoldsThem() throws Exception {
		long id = active(scenario("", """
				[{"key":"w1","type":"WAIT","duration":"PT1S","next":"x"},{"key":"x","type":"EXIT"}]"""));
		this.scenarios.pause(id);
		Thread.sleep(1100);
		assertThat(this.engine.runOnce()).isZero();
		assertThatThrownBy(() -> this.scenarios.activate(id)).isInstanceOf(ScenarioConflict.class);
		this.scenarios.archive(id);
		assertThat(exitsOf(id)).containsExactlyEntriesOf(Map.of("ARCHIVED", 2400L));
		assertThatThrownBy(() -> this.scenarios.resume(id)).isInstanceOf(ScenarioConflict.class);
	}

	@Test
	void newSegmentMembersJoinOnRefreshAndNobodyEntersTwice() throws Exception {
		long id = active(scenario("", """
				[{"key":"w1","type":"WAIT","duration":"P1D","next":"x"},{"key":"x","type":"EXIT"}]"""));
		this.jdbc.sql("update domain.customer set prefecture = 'Tokyo' where external_id = 'sc-2500'").update();
		this.segments.refresh(this.segmentId);
		// the listener enrols after the refresh commits, asynchronously
		ScenarioDeliveryIntegrationTests
			.await(() -> this.scenarios.find(id).orElseThrow().enrollments().total() == 2401);
		this.segments.refresh(this.segmentId);
		this.scenarios.pause(id);
		this.scenarios.resume(id);
		assertThat(this.scenarios.find(id).orElseThrow().enrollments().total()).isEqualTo(2401);
	}

	@Test
	void reentryAlwaysStartsANewCycleAfterAnExit() {
		long id = active(scenario("\"reentry\":\"ALWAYS\",", """
				[{"key":"w1","type":"WAIT","duration":"P1D","next":"x"},{"key":"x","type":"EXIT"}]"""));
		this.exits.on(new ConsentChanged(customer("sc-1"), Channel.EMAIL, ConsentStatus.OPT_OUT, Instant.now(), "t"));
		assertThat(this.scenarios.find(id).orElseThrow().enrollments().active()).isEqualTo(2400);
		this.jdbc
			.sql("update scenario.enrollment set state = 'EXITED', exit_reason = 'COMPLETED', exited_at = now() "
					+ "where customer_id = :c")
			.param("c", customer("sc-1"))
			.update();
		this.scenarios.pause(id);
		this.scenarios.resume(id);
		assertThat(this.jdbc.sql("select max(cycle) from scenario.enrollment where customer_id = :c")
			.param("c", customer("sc-1"))
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(this.scenarios.find(id).orElseThrow().enrollments().total()).isEqualTo(2401);
	}

	@Test
	void anOptOutExitsEnrolmentsOfScenariosSendingOnThatChannel() {
		long email = activeWithSend("EMAIL", "");
		long line = activeWithSend("LINE", "\"priority\":-1,");
		long customer = customer("sc-5");
		this.exits.on(new ConsentChanged(customer, Channel.EMAIL, ConsentStatus.OPT_OUT, Instant.now(), "test"));
		assertThat(exitsOf(email)).containsExactlyEntriesOf(Map.of("OPTED_OUT", 1L));
		assertThat(exitsOf(line)).doesNotContainKey("OPTED_OUT");
		this.exits.on(new ConsentChanged(customer(("sc-6")), Channel.EMAIL, ConsentStatus.OPT_IN, Instant.now(), "t"));
		assertThat(exitsOf(email)).containsExactlyEntriesOf(Map.of("OPTED_OUT", 1L));
	}

	@Test
	void skippedMessagesExitByReason() {
		long id = activeWithSend("EMAIL", "");
		skip(id, "sc-1", SkipReason.NO_CONSENT);
		skip(id, "sc-2", SkipReason.BLACKLISTED);
		skip(id, "sc-3", SkipReason.FREQUENCY_CAP);
		skip(id, "sc-4", SkipReason.NO_ADDRESS);
		skip(id, "sc-5", SkipReason.SUPPRESSED);
		assertThat(exitsOf(id))
			.containsExactlyInAnyOrderEntriesOf(Map.of("OPTED_OUT", 1L, "BLACKLISTED", 1L, "FREQUENCY_CAP", 1L));
		ScenarioView view = this.scenarios.find(id).orElseThrow();
		assertThat(view.enrollments().active()).isEqualTo(2397);
		assertThat(view.counts().get("s1")).containsEntry("SKIPPED", 2L);
	}

	long emailContent() {
		return this.contents.create(
				new ContentRequest("Hello", Channel.EMAIL, "Hi {{name|there}}", "<p>Hello</p>", null, null, null),
				"test");
	}

	long sendScenario(int controlPercent) {
		return active(scenario("\"controlPercent\":%d,".formatted(controlPercent), """
				[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"w1"},
				 {"key":"w1","type":"WAIT","duration":"P1D","next":"x"},{"key":"x","type":"EXIT"}]"""
			.formatted(emailContent())));
	}

	@Test
	void messagesCarryTheQuietHoursOfTheirChannel() {
		long id = active(scenario(
				"\"quietHours\":{\"from\":\"22:00\",\"to\":\"08:00\",\"EMAIL\":{\"from\":\"20:00\",\"to\":\"07:30\"}},",
				"""
						[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]"""
					.formatted(emailContent())));
		this.engine.runOnce();
		assertThat(this.jdbc.sql("""
				select distinct quiet_from || '-' || quiet_to from delivery.message
				where source_type = 'SCENARIO' and source_id = :id
				""").param("id", id).query(String.class).list()).containsExactly("20:00:00-07:30:00");
	}

	@Test
	void controlMembersAreNeverQueuedButTheirWouldBeTimeIsLogged() {
		long id = sendScenario(30);
		this.engine.runOnce();
		ScenarioView view = this.scenarios.find(id).orElseThrow();
		long control = view.enrollments().control();
		assertThat(control).isBetween(600L, 840L);
		long controlInOutbox = this.jdbc.sql("""
				select count(*) from delivery.message m join scenario.enrollment e
					on e.scenario_id = m.source_id and e.customer_id = m.customer_id
				where m.source_type = 'SCENARIO' and m.source_id = :id and e.grp = 'CONTROL'
				""").param("id", id).query(Long.class).single();
		assertThat(controlInOutbox).isZero();
		assertThat(view.counts().get("s1")).containsEntry("CONTROL_HELD", control)
			.containsEntry("QUEUED", 2400 - control);
		assertThat(view.counts().get("w1")).containsEntry("ACTIVE", 2400L);
	}

	@Test
	void twoEnginesSideBySideEnqueueOneMessagePerEnrolmentAndStep() throws Exception {
		long id = sendScenario(10);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit((Callable<Integer>) this.engine::runOnce));
			}
			for (Future<Integer> run : runs) {
				run.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertOneMessagePerTreatedEnrolment(id);
		assertOnePerEnrolment(id, "w1", "ENTERED");
	}

	@Test
	void aCrashMidBatchAfterEnqueueingLeavesNoMessageAndTheRerunSendsOnce() {
		long id = sendScenario(10);
		this.engine.beforeCommit = () -> {
			throw new IllegalStateException("crash");
		};
		assertThatThrownBy(this.engine::runOnce).hasMessage("crash");
		assertThat(this.jdbc.sql("select count(*) from delivery.message where source_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
		this.engine.beforeCommit = null;
		this.engine.runOnce();
		this.engine.runOnce();
		assertOneMessagePerTreatedEnrolment(id);
	}

	@Test
	void unansweredSendsExitWithNoResponse() throws Exception {
		long content = emailContent();
		long id = active(scenario("\"controlPercent\":10,\"exitAfterUnansweredSends\":1,", """
				[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"w1"},
				 {"key":"w1","type":"WAIT","duration":"PT4S","next":"s2"},
				 {"key":"s2","type":"SEND","channel":"EMAIL","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]"""
			.formatted(content, content)));
		this.engine.runOnce();
		this.jdbc.sql("update delivery.message set state = 'SENT', sent_at = now() where source_id = :id")
			.param("id", id)
			.update();
		Thread.sleep(4100);
		this.engine.runOnce();
		ScenarioView view = this.scenarios.find(id).orElseThrow();
		assertThat(view.exits()).containsEntry("NO_RESPONSE", view.enrollments().treatment())
			.containsEntry("COMPLETED", view.enrollments().control());
	}

	void assertOneMessagePerTreatedEnrolment(long scenarioId) {
		List<Long> perEnrolment = this.jdbc.sql("""
				select count(m.id) from scenario.enrollment e
				left join delivery.message m on m.source_type = 'SCENARIO' and m.source_id = e.scenario_id
					and m.customer_id = e.customer_id and m.step_key = 's1'
				where e.scenario_id = :id and e.grp = 'TREATMENT' group by e.id
				""").param("id", scenarioId).query(Long.class).list();
		assertThat(perEnrolment).hasSizeGreaterThan(2000).containsOnly(1L);
		assertThat(this.jdbc.sql("""
				select count(*) from scenario.enrollment_event ev join scenario.enrollment e on e.id = ev.enrollment_id
				where e.scenario_id = :id and ev.kind = 'QUEUED'
				""").param("id", scenarioId).query(Long.class).single()).isEqualTo(perEnrolment.size());
	}

	void skip(long scenarioId, String externalId, SkipReason reason) {
		this.exits
			.on(new MessageSkipped(new MessageRef(1, "SCENARIO", scenarioId, "s1", customer(externalId), Channel.EMAIL),
					reason, Instant.now()));
	}

	long customer(String externalId) {
		return this.jdbc.sql("select id from domain.customer where external_id = :e")
			.param("e", externalId)
			.query(Long.class)
			.single();
	}

	void assertOnePerEnrolment(long scenarioId, String step, String kind) {
		List<Long> perEnrolment = this.jdbc
			.sql("""
					select count(ev.id) from scenario.enrollment e
					left join scenario.enrollment_event ev on ev.enrollment_id = e.id and ev.step_key = :step and ev.kind = :kind
					where e.scenario_id = :id group by e.id
					""")
			.param("id", scenarioId)
			.param("step", step)
			.param("kind", kind)
			.query(Long.class)
			.list();
		assertThat(perEnrolment).hasSize(2400).containsOnly(1L);
	}

}
