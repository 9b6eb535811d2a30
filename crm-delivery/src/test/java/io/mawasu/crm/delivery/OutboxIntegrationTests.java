package io.mawasu.crm.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = DeliveryTestApplication.class)
class OutboxIntegrationTests {

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	List<Long> customers;

	@BeforeEach
	void customers() {
		this.jdbc.sql("truncate domain.customer, delivery.message, delivery.claimer cascade").update();
		this.customers = this.jdbc.sql("""
				insert into domain.customer (external_id) select 'ob-' || g from generate_series(1, 1000) g returning id
				""").query(Long.class).list();
	}

	@Test
	void enqueueingTheSameStepTwiceMakesOneMessage() {
		List<Outbox.Entry> entries = entries(1, "s1");
		assertThat(this.outbox.enqueue(entries)).isEqualTo(1000);
		assertThat(this.outbox.enqueue(entries)).isZero();
		assertThat(this.outbox.enqueue(entries(1, "s2"))).isEqualTo(1000);
		assertThat(count("QUEUED")).isEqualTo(2000);
	}

	@Test
	void concurrentClaimersNeverGetTheSameMessage() throws Exception {
		this.outbox.enqueue(entries(7, "s1"));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<Long>>> workers = new ArrayList<>();
			for (int w = 0; w < 4; w++) {
				String name = "worker-" + w;
				Callable<List<Long>> claimAll = () -> {
					List<Long> mine = new ArrayList<>();
					List<Outbox.Claimed> batch;
					while (!(batch = claimAndStart(37, name)).isEmpty()) {
						batch.forEach((m) -> mine.add(m.id()));
					}
					return mine;
				};
				workers.add(pool.submit(claimAll));
			}
			Set<Long> all = new HashSet<>();
			int total = 0;
			for (Future<List<Long>> worker : workers) {
				List<Long> ids = worker.get();
				total += ids.size();
				all.addAll(ids);
			}
			assertThat(total).isEqualTo(1000);
			assertThat(all).hasSize(1000);
			assertThat(count("SENDING")).isEqualTo(1000);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aMessageLeavesSendingOnceAndACrashIsReportedNotResent() {
		this.outbox.enqueue(entries(3, "s1").subList(0, 3));
		List<Outbox.Claimed> claimed = claimAndStart(10, "w");
		assertThat(claimed).hasSize(3);
		long sent = claimed.get(0).id();
		long skipped = claimed.get(1).id();
		long crashed = claimed.get(2).id();

		assertThat(this.outbox.sent(sent)).isTrue();
		assertThat(this.outbox.sent(sent)).isFalse();
		assertThat(this.outbox.failed(sent, "late")).isFalse();
		assertThat(this.outbox.suppressed(skipped, SkipReason.NO_CONSENT)).isTrue();
		assertThat(this.jdbc.sql("select skip_reason from delivery.message where id = :id")
			.param("id", skipped)
			.query(String.class)
			.single()).isEqualTo("NO_CONSENT");

		assertThat(claimAndStart(10, "w")).isEmpty();
		this.jdbc.sql("update delivery.message set claimed_at = now() - interval '1 hour' where id = :id")
			.param("id", crashed)
			.update();
		assertThat(this.outbox.stuck(Duration.ofMinutes(10))).containsExactly(crashed);
	}

	@Test
	void aTransientErrorRequeuesForLater() {
		this.outbox.enqueue(entries(5, "s1").subList(0, 1));
		long id = claimAndStart(1, "w").get(0).id();
		assertThat(this.outbox.retryLater(id, "421 try later", Instant.now().plusSeconds(3600))).isTrue();
		assertThat(claimAndStart(1, "w")).isEmpty();
		this.jdbc.sql("update delivery.message set next_attempt_at = now() where id = :id").param("id", id).update();
		List<Outbox.Claimed> again = claimAndStart(1, "w");
		assertThat(again).singleElement().satisfies((m) -> assertThat(m.attempts()).isEqualTo(2));
	}

	@Test
	void storesSendRulesAndEnqueuesLargeListsInChunks() {
		SendRules rules = new SendRules(new SendRules.FrequencyCap(3, 7, true),
				new SendRules.QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 30)));
		List<Outbox.Entry> many = new ArrayList<>();
		for (int step = 0; step < 25; step++) {
			for (long customer : this.customers) {
				many.add(
						new Outbox.Entry("CAMPAIGN", 9, "s" + step, customer, Channel.LINE, (step % 2 == 0) ? null : 5L,
								(step % 2 == 0) ? null : "B", (step == 0) ? rules : SendRules.NONE));
			}
		}
		many.add(many.get(0));
		assertThat(many.size()).isGreaterThan(2 * Outbox.ENQUEUE_CHUNK);
		assertThat(this.outbox.enqueue(many)).isEqualTo(25_000);
		assertThat(this.outbox.enqueue(many.subList(0, 10))).isZero();

		this.jdbc.sql("update delivery.message set next_attempt_at = now() + interval '1 day' where step_key <> 's0'")
			.update();
		List<Outbox.Claimed> claimed = claimAndStart(2000, "w");
		assertThat(claimed).hasSize(1000).allSatisfy((m) -> {
			assertThat(m.rules()).isEqualTo(rules);
			assertThat(m.contentId()).isNull();
			assertThat(m.sourceType()).isEqualTo("CAMPAIGN");
			assertThat(m.ref().stepKey()).isEqualTo("s0");
		});
		this.jdbc.sql("update delivery.message set next_attempt_at = now() where step_key = 's1'").update();
		assertThat(claimAndStart(1, "w")).singleElement().satisfies((m) -> {
			assertThat(m.rules()).isEqualTo(SendRules.NONE);
			assertThat(m.contentId()).isEqualTo(5L);
			assertThat(m.variant()).isEqualTo("B");
		});
	}

	@Test
	void deferringInQuietHoursDoesNotCountAnAttempt() {
		this.outbox.enqueue(entries(4, "s1").subList(0, 1));
		long id = claimAndStart(1, "w").get(0).id();
		Instant until = Instant.now().plusSeconds(7200).truncatedTo(ChronoUnit.MINUTES);
		assertThat(this.outbox.deferUntil(id, until)).isTrue();
		assertThat(this.outbox.deferUntil(id, until)).as("only a SENDING message").isFalse();
		assertThat(this.jdbc.sql("select attempts, next_attempt_at, state from delivery.message where id = :id")
			.param("id", id)
			.query((rs, n) -> List.of(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
			.single()).containsExactly(0, until, "QUEUED");
	}

	@Test
	void claimedMessagesStayQueuedUnderALeaseAndGoToAnotherClaimerWhenItLapses() {
		this.outbox.enqueue(entries(11, "s1").subList(0, 10));
		Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
		Duration lease = Duration.ofMinutes(1);
		List<Outbox.Claimed> mine = this.outbox.claim(10, "a", t0, lease);
		assertThat(mine).hasSize(10);
		assertThat(count("QUEUED")).as("claimed, not yet handed to a provider").isEqualTo(10);
		assertThat(this.outbox.claim(10, "b", t0.plusSeconds(30), lease)).as("a's lease is live").isEmpty();

		List<Long> group = mine.subList(0, 3).stream().map(Outbox.Claimed::id).toList();
		assertThat(this.outbox.startSending(group, "a")).hasSize(3)
			.allSatisfy((m) -> assertThat(m.attempts()).isEqualTo(1));
		assertThat(count("SENDING")).isEqualTo(3);

		// a stops renewing: once its lease has lapsed its 7 unattempted messages are free
		assertThat(this.outbox.releaseExpired(t0.plusSeconds(59))).isZero();
		assertThat(this.outbox.releaseExpired(t0.plusSeconds(61))).isEqualTo(7);
		List<Outbox.Claimed> taken = this.outbox.claim(10, "b", t0.plusSeconds(61), lease);
		assertThat(taken).extracting(Outbox.Claimed::id)
			.containsExactlyInAnyOrderElementsOf(mine.subList(3, 10).stream().map(Outbox.Claimed::id).toList());
		assertThat(this.outbox.startSending(taken.stream().map(Outbox.Claimed::id).toList(), "a"))
			.as("a woke up late: what b took over is not sent twice")
			.isEmpty();
		assertThat(count("SENDING")).as("only a's attempted group is uncertain").isEqualTo(3);
	}

	@Test
	void anExpiredLeaseIsTakenOverEvenWithoutTheReaper() {
		this.outbox.enqueue(entries(12, "s1").subList(0, 4));
		Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
		assertThat(this.outbox.claim(10, "a", t0, Duration.ofSeconds(10))).hasSize(4);
		this.outbox.renew("a", t0.plusSeconds(8), Duration.ofSeconds(10));
		assertThat(this.outbox.claim(10, "b", t0.plusSeconds(15), Duration.ofSeconds(10))).as("renewed").isEmpty();
		List<Outbox.Claimed> taken = this.outbox.claim(10, "b", t0.plusSeconds(19), Duration.ofSeconds(10));
		assertThat(taken).hasSize(4);
		assertThat(this.outbox.release("b", taken.stream().map(Outbox.Claimed::id).toList())).isEqualTo(4);
		assertThat(this.outbox.claim(10, "c", t0.plusSeconds(20), Duration.ofSeconds(10)))
			.as("released at once, lease or not")
			.hasSize(4);
	}

	private List<Outbox.Claimed> claimAndStart(int limit, String claimer) {
		List<Outbox.Claimed> claimed = this.outbox.claim(limit, claimer, Instant.now(), Duration.ofMinutes(1));
		return this.outbox.startSending(claimed.stream().map(Outbox.Claimed::id).toList(), claimer);
	}

	private List<Outbox.Entry> entries(long source, String step) {
		return LongStream.range(0, this.customers.size())
			.mapToObj((i) -> new Outbox.Entry("SCENARIO", source, step, this.customers.get((int) i), Channel.EMAIL, 1L,
					"A"))
			.toList();
	}

	private long count(String state) {
		return this.jdbc.sql("select count(*) from delivery.message where state = :s")
			.param("s", state)
			.query(Long.class)
			.single();
	}

}
