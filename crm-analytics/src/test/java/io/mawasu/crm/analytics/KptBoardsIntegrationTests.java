package io.mawasu.crm.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.mawasu.crm.AnalyticsTestApplication;
import io.mawasu.crm.analytics.kpt.KptRelay;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.Segments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KPT boards on the real schema: cards, votes with their limits, silent writing, groups,
 * closing, and live changes from another application instance on the same database.
 */
@SpringBootTest(classes = AnalyticsTestApplication.class,
		properties = { "crm.scenario.engine.enabled=false", "crm.delivery.worker.enabled=false" })
@Import(CyclesIntegrationTests.Time.class)
class KptBoardsIntegrationTests {

	@Autowired
	KptBoards boards;

	@Autowired
	Cycles cycles;

	@Autowired
	KptRelay relay;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Segments segments;

	@Autowired
	Scenarios scenarios;

	@Autowired
	Contents contents;

	long cycleId;

	@BeforeEach
	void cycle() {
		AnalyticsFixtures fixtures = new AnalyticsFixtures(this.jdbc, this.segments, this.scenarios, this.contents);
		long segment = fixtures.segment();
		this.cycleId = this.cycles
			.create(fixtures.request(segment, List.of(fixtures.quietScenario(segment))), "marketer")
			.id();
	}

	@Test
	void cardsMoveAndCollectOneVotePerPersonUpToTheLimit() {
		KptCard keep = this.boards.addCard(this.cycleId, "KEEP", "毎週のレビュー", "marketer");
		assertThat(keep.column()).isEqualTo(KptColumn.KEEP);
		assertThat(keep.author()).isEqualTo("marketer");
		KptCard moved = this.boards.editCard(keep.id(), "TRY", null, null, null, "analyst", false);
		assertThat(moved.column()).isEqualTo(KptColumn.TRY);
		assertThatThrownBy(() -> this.boards.editCard(keep.id(), null, "changed", null, null, "analyst", false))
			.isInstanceOf(CycleConflict.class);
		assertThat(this.boards.editCard(keep.id(), null, "毎週のレビューを続ける", null, null, "marketer", false).text())
			.isEqualTo("毎週のレビューを続ける");
		assertThatThrownBy(() -> this.boards.addCard(this.cycleId, "MAYBE", "x", "marketer"))
			.isInstanceOfSatisfying(InvalidCycle.class, (ex) -> assertThat(ex.field()).isEqualTo("column"));
		assertThatThrownBy(() -> this.boards.addCard(this.cycleId, "KEEP", "x".repeat(1001), "marketer"))
			.isInstanceOfSatisfying(InvalidCycle.class, (ex) -> assertThat(ex.field()).isEqualTo("text"));

		assertThat(this.boards.vote(keep.id(), "analyst").votes()).isEqualTo(1);
		assertThat(this.boards.vote(keep.id(), "analyst").votes()).as("a repeat changes nothing").isEqualTo(1);
		KptCard second = this.boards.addCard(this.cycleId, "PROBLEM", "配信が遅い", "analyst");
		KptCard third = this.boards.addCard(this.cycleId, "PROBLEM", "件名が長い", "analyst");
		KptCard fourth = this.boards.addCard(this.cycleId, "PROBLEM", "LINEの文面", "analyst");
		this.boards.vote(second.id(), "analyst");
		this.boards.vote(third.id(), "analyst");
		assertThatThrownBy(() -> this.boards.vote(fourth.id(), "analyst")).isInstanceOf(CycleConflict.class)
			.hasMessageContaining("3");
		KptBoard board = this.boards.board(this.cycleId, "analyst");
		assertThat(board.open()).isTrue();
		assertThat(board.votesLeft()).isZero();
		assertThat(board.cards()).hasSize(4);

		this.boards.deleteCard(fourth.id(), "manager", true);
		assertThat(this.boards.board(this.cycleId, "analyst").cards()).hasSize(3);

		this.boards.close(this.cycleId, "manager");
		assertThat(this.boards.board(this.cycleId, "analyst").open()).isFalse();
		assertThatThrownBy(() -> this.boards.addCard(this.cycleId, "KEEP", "late", "marketer"))
			.isInstanceOf(CycleConflict.class);
		assertThatThrownBy(() -> this.boards.vote(second.id(), "marketer")).isInstanceOf(CycleConflict.class);
		assertThatThrownBy(() -> this.boards.editCard(second.id(), "TRY", null, null, null, "marketer", false))
			.isInstanceOf(CycleConflict.class);
	}

	@Test
	void silentWritingHidesOthersCardsUntilReveal() {
		assertThatThrownBy(() -> this.boards.phase(this.cycleId, "WRITING", true, null, null, "analyst", false))
			.as("only the facilitator")
			.isInstanceOf(CycleConflict.class);
		this.boards.phase(this.cycleId, "WRITING", true, null, null, "marketer", false);
		this.boards.addCard(this.cycleId, "KEEP", "mine", "analyst");
		this.boards.addCard(this.cycleId, "PROBLEM", "theirs", "content_editor");
		assertThat(this.boards.board(this.cycleId, "analyst").cards()).extracting(KptCard::text)
			.containsExactly("mine");

		this.boards.reveal(this.cycleId, "manager", true);
		assertThat(this.boards.board(this.cycleId, "analyst").cards()).extracting(KptCard::text)
			.containsExactly("mine", "theirs");
	}

	@Test
	void groupsCardsAndDiscussesThemInVoteOrder() {
		KptCard a = this.boards.addCard(this.cycleId, "TRY", "LINEで再送", "analyst");
		KptCard b = this.boards.addCard(this.cycleId, "TRY", "LINEで2日後に再送", "marketer");
		KptCard c = this.boards.addCard(this.cycleId, "TRY", "件名を短く", "marketer");
		KptCard grouped = this.boards.group(b.id(), a.id(), "LINE再送");
		assertThat(grouped.groupTitle()).isEqualTo("LINE再送");
		assertThat(this.boards.card(a.id()).orElseThrow().groupId()).isEqualTo(grouped.groupId());
		this.boards.vote(c.id(), "analyst");
		KptBoard discussion = this.boards.phase(this.cycleId, "DISCUSSION", null, null, 5, "manager", true);
		assertThat(discussion.phase()).isEqualTo(KptPhase.DISCUSSION);
		assertThat(discussion.discussionEndsAt()).isAfter(Instant.now().plus(Duration.ofMinutes(4)));
		assertThat(discussion.cards().get(0).id()).isEqualTo(c.id());
		KptCard action = this.boards.editCard(c.id(), null, null, "marketer", java.time.LocalDate.of(2027, 1, 15),
				"manager", true);
		assertThat(action.actionOwner()).isEqualTo("marketer");
		assertThatThrownBy(() -> this.boards.phase(this.cycleId, "LATER", null, null, null, "manager", true))
			.isInstanceOfSatisfying(InvalidCycle.class, (ex) -> assertThat(ex.field()).isEqualTo("phase"));
	}

	@Test
	void aWriteOnOneInstanceReachesTheSubscribersOfAnotherWithinASecond() throws Exception {
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(AnalyticsTestApplication.class)
			.properties("crm.scenario.engine.enabled=false", "crm.delivery.worker.enabled=false",
					"spring.datasource.hikari.maximum-pool-size=3")
			.run()) {
			KptRelay otherRelay = other.getBean(KptRelay.class);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!(otherRelay.listening() && this.relay.listening()) && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(otherRelay.listening()).isTrue();
			BlockingQueue<KptChange> received = new LinkedBlockingQueue<>();
			try (AutoCloseable subscription = other.getBean(KptBoards.class)
				.subscribe(this.cycleId, "content_editor", received::add)) {
				KptCard card = this.boards.addCard(this.cycleId, "PROBLEM", "開封率が低い", "analyst");
				KptChange change = received.poll(1, TimeUnit.SECONDS);
				assertThat(change).isNotNull();
				assertThat(change.type()).isEqualTo(KptChange.CARD);
				assertThat(change.card().text()).isEqualTo("開封率が低い");

				this.boards.vote(card.id(), "marketer");
				KptChange vote = received.poll(1, TimeUnit.SECONDS);
				assertThat(vote).isNotNull();
				assertThat(vote.card().votes()).isEqualTo(1);

				this.boards.deleteCard(card.id(), "analyst", false);
				KptChange deleted = received.poll(1, TimeUnit.SECONDS);
				assertThat(deleted).isNotNull();
				assertThat(deleted.type()).isEqualTo(KptChange.DELETED);
				assertThat(deleted.cardId()).isEqualTo(card.id());
			}
		}
	}

}
