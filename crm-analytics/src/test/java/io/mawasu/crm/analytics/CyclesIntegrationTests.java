package io.mawasu.crm.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.mawasu.crm.AnalyticsTestApplication;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.scenario.ScenarioStatus;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.Segments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cycles on the real schema: expected effect from the 4R reach, stages from what really
 * happened, stalls as the clock moves past each limit, decisions and the next cycle.
 */
@SpringBootTest(classes = AnalyticsTestApplication.class,
		properties = { "crm.scenario.engine.enabled=false", "crm.delivery.worker.enabled=false" })
@Import(CyclesIntegrationTests.Time.class)
class CyclesIntegrationTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.now());
		}

	}

	@Autowired
	Cycles cycles;

	@Autowired
	KptBoards boards;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Segments segments;

	@Autowired
	Scenarios scenarios;

	@Autowired
	Contents contents;

	AnalyticsFixtures fixtures;

	long segmentId;

	@BeforeEach
	void seed() {
		this.fixtures = new AnalyticsFixtures(this.jdbc, this.segments, this.scenarios, this.contents);
		this.fixtures.customer("a", "a@example.jp", null, Channel.EMAIL);
		this.fixtures.customer("b", "b@example.jp", null);
		this.fixtures.customer("c", null, "U-line-c", Channel.LINE);
		this.fixtures.customer("d", "d@example.jp", "U-line-d", Channel.EMAIL, Channel.LINE);
		this.segmentId = this.fixtures.segment();
	}

	@Test
	void expectedEffectCountsMembersReachableOnAChannelTheScenariosSendOn() {
		long email = this.fixtures.sendingScenario(this.segmentId, Channel.EMAIL);
		long line = this.fixtures.sendingScenario(this.segmentId, Channel.LINE);

		CycleView emailOnly = this.cycles.create(this.fixtures.request(this.segmentId, List.of(email)), "marketer");
		assertThat(emailOnly.stage()).isEqualTo(Stage.PLAN);
		assertThat(emailOnly.expectedEffect().reachable()).isEqualTo(2);
		assertThat(emailOnly.expectedEffect().conversions()).isEqualTo(1.0);
		assertThat(emailOnly.expectedEffect().revenue()).isEqualByComparingTo("4000");

		CycleView both = this.cycles.create(this.fixtures.request(this.segmentId, List.of(email, line)), "marketer");
		assertThat(both.expectedEffect().reachable()).as("a, c and d; d counted once").isEqualTo(3);
		assertThat(both.expectedEffect().revenue()).isEqualByComparingTo("6000");
		assertThat(both.scenarios()).extracting(CycleView.LinkedScenario::channels)
			.containsExactly(List.of(Channel.EMAIL), List.of(Channel.LINE));
	}

	@Test
	void rejectsInputNamingTheField() {
		long scenario = this.fixtures.quietScenario(this.segmentId);
		CycleRequest good = this.fixtures.request(this.segmentId, List.of(scenario));
		assertField(new CycleRequest(good.title(), good.owner(), good.decisionMaker(), LocalDate.of(2026, 12, 31),
				LocalDate.of(2026, 12, 1), good.kgi(), good.hypothesis(), good.segmentId(), good.scenarioIds(),
				good.kpiIds(), good.expected()), "to");
		assertField(
				new CycleRequest(good.title(), good.owner(), good.decisionMaker(), good.from(), good.to(), good.kgi(),
						good.hypothesis(), 999_999_999L, good.scenarioIds(), good.kpiIds(), good.expected()),
				"segmentId");
		assertField(new CycleRequest(good.title(), good.owner(), good.decisionMaker(), good.from(), good.to(),
				good.kgi(), good.hypothesis(), good.segmentId(), List.of(scenario, 999_999_999L), good.kpiIds(),
				good.expected()), "scenarioIds");
		assertField(new CycleRequest("x".repeat(201), good.owner(), good.decisionMaker(), good.from(), good.to(),
				good.kgi(), good.hypothesis(), good.segmentId(), good.scenarioIds(), good.kpiIds(), good.expected()),
				"title");
		assertField(new CycleRequest(good.title(), good.owner(), good.decisionMaker(), good.from(), good.to(),
				good.kgi(), "a\0b", good.segmentId(), good.scenarioIds(), good.kpiIds(), good.expected()),
				"hypothesis");
		assertField(new CycleRequest(good.title(), good.owner(), good.decisionMaker(), good.from(), good.to(),
				good.kgi(), good.hypothesis(), good.segmentId(), good.scenarioIds(), good.kpiIds(),
				new CycleRequest.Expected(1.5, BigDecimal.TEN)), "expected.conversionRate");
	}

	@Test
	void stagesFollowWhatHappenedAndStallsWhenAStageWaitsTooLong() {
		long scenario = this.fixtures.quietScenario(this.segmentId);
		long cycleId = this.cycles.create(this.fixtures.request(this.segmentId, List.of(scenario)), "marketer").id();
		assertThatThrownBy(() -> this.cycles.review(cycleId, "manager")).isInstanceOf(CycleConflict.class);

		this.clock.advance(Duration.ofDays(10));
		assertThat(this.cycles.find(cycleId).orElseThrow().stall()).as("no approval yet: not a stall").isNull();
		CycleView approved = this.cycles.approve(cycleId, "manager");
		assertThat(approved.stage()).isEqualTo(Stage.PLAN);
		assertThat(approved.approvedBy()).isEqualTo("manager");
		assertThatThrownBy(() -> this.cycles.approve(cycleId, "manager")).isInstanceOf(CycleConflict.class);

		this.clock.advance(Duration.ofDays(3).minusMinutes(1));
		assertThat(this.cycles.find(cycleId).orElseThrow().stall()).isNull();
		this.clock.advance(Duration.ofMinutes(2));
		CycleView stalled = this.cycles.find(cycleId).orElseThrow();
		assertThat(stalled.stall()).isEqualTo(Stall.PLAN_TO_DO);
		assertThat(stalled.stalledSince()).isEqualTo(approved.approvedAt().plus(Duration.ofDays(3)));
		assertThat(this.cycles.list(true, null)).extracting(CycleView::id).contains(cycleId);
		assertThat(this.cycles.list(false, Stage.PLAN)).extracting(CycleView::id).contains(cycleId);

		this.fixtures.activate(scenario);
		CycleView live = this.cycles.find(cycleId).orElseThrow();
		assertThat(live.stage()).isEqualTo(Stage.DO);
		assertThat(live.stall()).isNull();
		assertThat(this.cycles.list(true, null)).extracting(CycleView::id).doesNotContain(cycleId);
		assertThat(this.cycles.list(false, Stage.DO)).extracting(CycleView::id).contains(cycleId);

		this.clock.advance(Duration.ofHours(1));
		assertThat(this.cycles.review(cycleId, "analyst").stage()).isEqualTo(Stage.CHECK);
		assertThatThrownBy(() -> this.cycles.decide(cycleId, scenario, Decision.STOP, "not worth it", false, "manager"))
			.isInstanceOfSatisfying(InvalidCycle.class, (ex) -> assertThat(ex.field()).isEqualTo("confirm"));
		assertThat(this.scenarios.find(scenario).orElseThrow().status()).isEqualTo(ScenarioStatus.ACTIVE);
		this.clock.advance(Duration.ofDays(7).plusMinutes(1));
		assertThat(this.cycles.find(cycleId).orElseThrow().stall()).isEqualTo(Stall.CHECK_TO_ACT);

		assertThatThrownBy(() -> this.cycles.next(cycleId, "manager")).isInstanceOf(CycleConflict.class);
		CycleView decided = this.cycles.decide(cycleId, scenario, Decision.STOP, "F2 rate did not move", true,
				"manager");
		assertThat(decided.stage()).isEqualTo(Stage.ACT);
		assertThat(decided.stall()).isNull();
		assertThat(decided.decisions()).singleElement()
			.satisfies((d) -> assertThat(d.reason()).isEqualTo("F2 rate did not move"));
		assertThat(this.scenarios.find(scenario).orElseThrow().status()).isEqualTo(ScenarioStatus.ARCHIVED);
		this.clock.advance(Duration.ofDays(15));
		assertThat(this.cycles.find(cycleId).orElseThrow().stall()).isEqualTo(Stall.ACT_TO_PLAN);

		KptCard small = this.boards.addCard(cycleId, "TRY", "Send on day 2 instead of day 3", "marketer");
		KptCard big = this.boards.addCard(cycleId, "TRY", "Add a LINE reminder", "analyst");
		this.boards.addCard(cycleId, "KEEP", "Weekly review", "analyst");
		this.boards.vote(big.id(), "marketer");
		this.boards.vote(big.id(), "analyst");
		this.boards.vote(small.id(), "manager");

		CycleView next = this.cycles.next(cycleId, "manager");
		assertThat(next.stage()).isEqualTo(Stage.PLAN);
		assertThat(next.previousCycleId()).isEqualTo(cycleId);
		assertThat(next.from()).isEqualTo(LocalDate.of(2027, 1, 1));
		assertThat(next.to()).isEqualTo(LocalDate.of(2027, 1, 31));
		assertThat(next.scenarioIds()).containsExactly(scenario);
		assertThat(next.actions()).extracting(CycleView.Action::text, CycleView.Action::votes)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Add a LINE reminder", 2),
					org.assertj.core.groups.Tuple.tuple("Send on day 2 instead of day 3", 1));
		CycleView done = this.cycles.find(cycleId).orElseThrow();
		assertThat(done.stage()).isEqualTo(Stage.DONE);
		assertThat(done.stall()).isNull();
		assertThat(done.nextCycleId()).isEqualTo(next.id());
	}

	private void assertField(CycleRequest request, String field) {
		assertThatThrownBy(() -> this.cycles.create(request, "marketer")).isInstanceOfSatisfying(InvalidCycle.class,
				(ex) -> assertThat(ex.field()).isEqualTo(field));
	}

}
