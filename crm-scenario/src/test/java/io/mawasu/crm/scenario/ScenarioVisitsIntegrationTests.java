package io.mawasu.crm.scenario;

import java.util.List;
import java.util.Map;

import io.mawasu.crm.ScenarioTestApplication;
import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
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
 * Re-entry sends again (the outbox is keyed by the enrolment visit), and one failing
 * scenario or enrolment never holds up the others.
 */
@SpringBootTest(classes = ScenarioTestApplication.class)
class ScenarioVisitsIntegrationTests {

	@Autowired
	Scenarios scenarios;

	@Autowired
	ScenarioEngine engine;

	@Autowired
	Segments segments;

	@Autowired
	Contents contents;

	@Autowired
	JdbcClient jdbc;

	long nara;

	long kobe;

	long content;

	@BeforeEach
	void customers() {
		this.jdbc.sql("""
				truncate scenario.enrollment_event, scenario.enrollment, scenario.scenario, delivery.message,
					segmentation.segment, domain.orders, domain.customer cascade
				""").update();
		this.jdbc.sql("""
				insert into domain.customer (external_id, email, prefecture)
				select 'vi-' || g, 'v' || g || '@example.com', case when g <= 3 then 'Nara' else 'Hyogo' end
				from generate_series(1, 6) g
				""").update();
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select id, 'EMAIL', 'OPT_IN', now() - interval '1 day', 'test' from domain.customer
				""").update();
		this.nara = this.segments.create("Nara",
				SegmentRule.parse("{\"field\":\"prefecture\",\"op\":\"eq\",\"value\":\"Nara\"}"), null);
		this.kobe = this.segments.create("Hyogo",
				SegmentRule.parse("{\"field\":\"prefecture\",\"op\":\"eq\",\"value\":\"Hyogo\"}"), null);
		this.content = this.contents
			.create(new ContentRequest("Hello", Channel.EMAIL, "Hi", "<p>Hello</p>", null, null, null), "test");
	}

	@AfterEach
	void noHook() {
		this.engine.beforeCommit = null;
	}

	long active(long segment, String extra, String steps) {
		long id = this.scenarios.create("""
				{"name":"V","segmentId":%d,"quietHours":null,%s"steps":%s}""".formatted(segment, extra, steps), "test");
		this.jdbc.sql("update scenario.scenario set test_sent_at = clock_timestamp() where id = :id")
			.param("id", id)
			.update();
		this.scenarios.activate(id);
		return id;
	}

	String sendThenExit() {
		return """
				[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]"""
			.formatted(this.content);
	}

	@Test
	void aCustomerWhoReEntersAlwaysGetsTheSecondCyclesMessageOncePerVisit() {
		long id = active(this.nara, "\"reentry\":\"ALWAYS\",", sendThenExit());
		assertThat(this.engine.runOnce()).isEqualTo(3);
		assertThat(messagesPerVisit(id)).hasSize(3).containsOnly(1L);
		// the next refresh (here: pause and resume) takes the exited customers in again
		this.scenarios.pause(id);
		this.scenarios.resume(id);
		assertThat(this.scenarios.find(id).orElseThrow().enrollments().total()).isEqualTo(6);
		// a crash before the second cycle's batch commits leaves nothing behind
		this.engine.beforeCommit = () -> {
			throw new IllegalStateException("crash");
		};
		assertThatThrownBy(this.engine::runOnce).hasMessage("crash");
		assertThat(messagesPerVisit(id)).hasSize(3);
		this.engine.beforeCommit = null;
		assertThat(this.engine.runOnce()).isEqualTo(3);
		assertThat(messagesPerVisit(id)).hasSize(6).containsOnly(1L);
		// a batch redone after its messages were enqueued (the move of the enrolments
		// lost) enqueues nothing more: one message per visit and step
		this.jdbc.sql("""
				update scenario.enrollment set state = 'ACTIVE', exit_reason = null, exited_at = null, step_key = 's1',
					due_at = now() where scenario_id = :id and cycle = 2
				""").param("id", id).update();
		assertThat(this.engine.runOnce()).isEqualTo(3);
		assertThat(messagesPerVisit(id)).hasSize(6).containsOnly(1L);
		assertThat(this.jdbc.sql("""
				select count(*) from delivery.message m join scenario.enrollment e on e.scenario_id = m.source_id
					and e.customer_id = m.customer_id and e.enrolled_at = m.visit
				where m.source_id = :id and e.cycle = 2
				""").param("id", id).query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void aCustomerReEntersAfterTheDaysAndGetsTheMessageAgain() {
		long id = active(this.nara, "\"reentry\":{\"afterDays\":2},", sendThenExit());
		this.engine.runOnce();
		assertThat(messagesPerVisit(id)).hasSize(3);
		// two of the three left three days ago, the third only yesterday
		this.jdbc
			.sql("""
					update scenario.enrollment set exited_at = now() - interval '3 days', enrolled_at = enrolled_at - interval '3 days'
					where scenario_id = :id and customer_id in (select id from domain.customer where external_id in ('vi-1', 'vi-2'))
					""")
			.param("id", id)
			.update();
		this.jdbc.sql("""
				update scenario.enrollment set exited_at = now() - interval '1 day'
				where scenario_id = :id and customer_id = (select id from domain.customer where external_id = 'vi-3')
				""").param("id", id).update();
		this.scenarios.pause(id);
		this.scenarios.resume(id);
		assertThat(this.engine.runOnce()).isEqualTo(2);
		assertThat(this.jdbc
			.sql("""
					select c.external_id || ':' || count(*) from delivery.message m join domain.customer c on c.id = m.customer_id
					where m.source_id = :id group by c.external_id order by c.external_id
					""")
			.param("id", id)
			.query(String.class)
			.list()).containsExactly("vi-1:2", "vi-2:2", "vi-3:1");
	}

	@Test
	void opensOfAnEarlierCycleDoNotAnswerTheBranchOfTheNextOne() {
		long id = active(this.nara, "\"reentry\":\"ALWAYS\",", """
				[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":%d,"next":"b1"},
				 {"key":"b1","type":"BRANCH","if":{"opened":"s1"},"then":"x","else":"w"},
				 {"key":"w","type":"WAIT","duration":"P1D","next":"x"},{"key":"x","type":"EXIT"}]"""
			.formatted(this.content));
		this.engine.runOnce();
		// every first-cycle message was opened, after its branch
		assertThat(branches(id)).containsExactly("BRANCH_ELSE:1:3");
		this.jdbc.sql("""
				insert into delivery.event (message_id, customer_id, channel, kind, at, first)
				select id, customer_id, 'EMAIL', 'OPENED', now(), true from delivery.message where source_id = :id
				""").param("id", id).update();
		this.jdbc.sql("""
				update scenario.enrollment set state = 'EXITED', exit_reason = 'COMPLETED', exited_at = now()
				where scenario_id = :id
				""").param("id", id).update();
		this.scenarios.pause(id);
		this.scenarios.resume(id);
		this.engine.runOnce();
		assertThat(branches(id)).containsExactly("BRANCH_ELSE:1:3", "BRANCH_ELSE:2:3");
	}

	List<String> branches(long id) {
		return this.jdbc
			.sql("""
					select ev.kind || ':' || e.cycle || ':' || count(*) from scenario.enrollment_event ev
					join scenario.enrollment e on e.id = ev.enrollment_id
					where e.scenario_id = :id and ev.step_key = 'b1' and ev.kind like 'BRANCH%' group by ev.kind, e.cycle order by 1
					""")
			.param("id", id)
			.query(String.class)
			.list();
	}

	@Test
	void aPoisonedScenarioIsMarkedWhileAnotherKeepsSendingInTheSameRun() {
		long poisoned = active(this.kobe, "\"priority\":90,", """
				[{"key":"b1","type":"BRANCH","if":{"purchased":true},"then":"x","else":"w"},
				 {"key":"w","type":"WAIT","duration":"P1D","next":"x"},{"key":"x","type":"EXIT"}]""");
		// a duration saved before the bound (or written to the table): the database
		// cannot add it to a time
		this.jdbc.sql("""
				update scenario.scenario set version = version + 1,
					definition = jsonb_set(definition, '{steps,1,duration}', '"P999999999D"')
				where id = :id
				""").param("id", poisoned).update();
		long healthy = active(this.nara, "", sendThenExit());

		assertThat(this.engine.runOnce()).isEqualTo(3);
		assertThat(messagesPerVisit(healthy)).hasSize(3);
		ScenarioView view = this.scenarios.find(poisoned).orElseThrow();
		assertThat(view.failures().count()).isEqualTo(3);
		assertThat(view.failures().failingEnrollments()).isEqualTo(3);
		assertThat(view.failures().lastError()).contains("timestamp out of range");
		assertThat(view.failures().lastFailedAt()).isNotNull();
		assertThat(view.counts().get("b1")).containsEntry("ACTIVE", 3L).doesNotContainKey("BRANCH_ELSE");
		assertThat(this.scenarios.find(healthy).orElseThrow().failures().any()).isFalse();
		// the failed enrolments wait for their retry instead of being claimed on every
		// poll, and the next run has nothing to do
		assertThat(this.jdbc.sql("""
				select bool_and(due_at > now() + interval '50 seconds' and failures = 1) from scenario.enrollment
				where scenario_id = :id
				""").param("id", poisoned).query(Boolean.class).single()).isTrue();
		assertThat(this.engine.runOnce()).isZero();
		// activating a scenario with such a duration is refused, naming the step
		this.scenarios.pause(poisoned);
		assertThatThrownBy(() -> this.scenarios.resume(poisoned)).isInstanceOfSatisfying(InvalidScenario.class,
				(ex) -> {
					assertThat(ex.step()).isEqualTo("w");
					assertThat(ex.field()).isEqualTo("duration");
					assertThat(ex.getMessage()).contains("longer than 10 years");
				});
		assertThat(this.scenarios.find(poisoned).orElseThrow().status()).isEqualTo(ScenarioStatus.PAUSED);
	}

	@Test
	void aFailingEnrolmentIsMarkedAndTheOthersOfItsScenarioGoOn() {
		long id = active(this.nara, "", sendThenExit());
		// a value the engine cannot compute with, written to the table directly: the
		// outbox cannot key a message by this visit
		this.jdbc.sql("""
				update scenario.enrollment set enrolled_at = 'infinity'
				where scenario_id = :id and customer_id = (select id from domain.customer where external_id = 'vi-2')
				""").param("id", id).update();
		assertThat(this.engine.runOnce()).isEqualTo(2);
		assertThat(messagesPerVisit(id)).hasSize(2);
		ScenarioView view = this.scenarios.find(id).orElseThrow();
		assertThat(view.failures().count()).isEqualTo(1);
		assertThat(view.failures().failingEnrollments()).isEqualTo(1);
		assertThat(view.exits()).containsExactlyEntriesOf(Map.of("COMPLETED", 2L));
		assertThat(view.counts().get("s1")).containsEntry("ACTIVE", 1L);
	}

	@Test
	void responsesOfTheSegmentsScenariosComeInOneQuery() {
		long first = active(this.nara, "\"priority\":5,\"controlPercent\":50,", sendThenExit());
		long draft = this.scenarios.create("""
				{"name":"Draft","segmentId":%d,"steps":[{"key":"x","type":"EXIT"}]}""".formatted(this.nara), "test");
		active(this.kobe, "", sendThenExit());
		this.jdbc.sql("""
				update scenario.enrollment set state = 'EXITED', exit_reason = 'GOAL', exited_at = now()
				where scenario_id = :id
				""").param("id", first).update();
		List<ScenarioResponse> responses = this.scenarios.responses(this.nara);
		assertThat(responses).extracting(ScenarioResponse::id).containsExactly(first, draft);
		ScenarioView.Enrollments enrollments = responses.get(0).enrollments();
		assertThat(enrollments).isEqualTo(this.scenarios.find(first).orElseThrow().enrollments());
		assertThat(enrollments.total()).isEqualTo(3);
		assertThat(enrollments.treatmentGoal() + enrollments.controlGoal()).isEqualTo(3);
		assertThat(responses.get(1).enrollments().total()).isZero();
		assertThat(this.scenarios.responses(987654321L)).isEmpty();
	}

	@Test
	void transitionsFollowTheStatus() {
		long id = active(this.nara, "", sendThenExit());
		assertThat(ScenarioStatus.ACTIVE.actions()).containsExactly(ScenarioAction.PAUSE, ScenarioAction.ARCHIVE);
		assertThat(ScenarioStatus.DRAFT.actions()).containsExactly(ScenarioAction.ACTIVATE, ScenarioAction.ARCHIVE);
		assertThat(ScenarioStatus.ARCHIVED.actions()).isEmpty();
		assertThat(ScenarioStatus.PAUSED.editable()).isTrue();
		assertThat(ScenarioStatus.ACTIVE.editable()).isFalse();
		assertThatThrownBy(() -> this.scenarios.transition(id, ScenarioAction.RESUME))
			.isInstanceOf(ScenarioConflict.class)
			.hasMessageContaining("is ACTIVE; resume needs a PAUSED scenario (possible now: pause, archive)");
		assertThat(this.scenarios.transition(id, ScenarioAction.PAUSE).status()).isEqualTo(ScenarioStatus.PAUSED);
		assertThat(this.scenarios.transition(id, ScenarioAction.ARCHIVE).exits()).containsEntry("ARCHIVED", 3L);
	}

	/** Messages per (customer, visit) of the scenario's step s1. */
	List<Long> messagesPerVisit(long scenarioId) {
		return this.jdbc
			.sql("""
					select count(*) from delivery.message where source_type = 'SCENARIO' and source_id = :id and step_key = 's1'
					group by customer_id, visit
					""")
			.param("id", scenarioId)
			.query(Long.class)
			.list();
	}

}
