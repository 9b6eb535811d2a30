package io.mawasu.crm.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.delivery.send.ChannelSender;
import io.mawasu.crm.delivery.send.Outgoing;
import io.mawasu.crm.delivery.send.SendOutcome;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.consent.Consents;
import io.mawasu.crm.domain.consent.Suppressions;
import io.mawasu.crm.domain.customer.ShopProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The worker's send-time rules with a recording sender;
 * {@link EmailDeliveryIntegrationTests} sends through SMTP to GreenMail.
 */
@SpringBootTest(classes = DeliveryTestApplication.class)
@RecordApplicationEvents
class DeliveryWorkerIntegrationTests {

	@Autowired
	Outbox outbox;

	@Autowired
	SendEligibility eligibility;

	@Autowired
	FrequencyCaps caps;

	@Autowired
	Contents contents;

	@Autowired
	MessageRenderer renderer;

	@Autowired
	TrackingUrls urls;

	@Autowired
	Suppressions suppressions;

	@Autowired
	Consents consents;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	DeliveryProperties properties;

	@Autowired
	ShopProperties shop;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents recorded;

	final List<Outgoing> sent = Collections.synchronizedList(new ArrayList<>());

	long content;

	@BeforeEach
	void reset() {
		this.jdbc.sql(
				"truncate domain.customer, domain.suppression, delivery.message, delivery.event, delivery.claimer cascade")
			.update();
		this.sent.clear();
		this.content = this.contents.create(new ContentRequest("Worker test", Channel.EMAIL, "Hello {{name|there}}",
				"<html><body><p>Hi {{name}}</p><a href=\"https://shop.example.com/sale\">Sale</a></body></html>", null,
				null, null), "tester");
	}

	@Test
	void sendsOnlyToCustomersWithCurrentOptInAndRecordsWhyTheOthersWereSkipped() {
		long in = customer("in", true, ConsentStatus.OPT_IN);
		long none = customer("none", false, null);
		long out = customer("out", true, ConsentStatus.OPT_OUT);
		long late = customer("late", true, ConsentStatus.OPT_IN);
		long black = customer("black", true, ConsentStatus.OPT_IN);
		this.jdbc.sql("update domain.customer set blacklisted = true where id = :id").param("id", black).update();
		enqueue(1, "s1", SendRules.NONE, in, none, out, late, black);
		this.consents.change(late, Channel.EMAIL, ConsentStatus.OPT_OUT, Instant.now(), "UNSUBSCRIBE", null);

		assertThat(worker(recording(), 200, Clock.systemUTC()).runOnce()).isEqualTo(5);

		assertThat(this.sent).singleElement().satisfies((o) -> {
			assertThat(o.address()).isEqualTo("in@example.com");
			assertThat(o.message().subject()).isEqualTo("Hello Customer in");
			assertThat(o.message().html()).contains(this.urls.click(o.messageId(), 0))
				.contains(this.urls.open(o.messageId()))
				.doesNotContain("href=\"https://shop.example.com/sale\"");
			assertThat(o.unsubscribeUrl()).isEqualTo(this.urls.unsubscribe(o.messageId()));
		});
		assertThat(states()).containsEntry(in, "SENT")
			.containsEntry(none, "SUPPRESSED NO_CONSENT")
			.containsEntry(out, "SUPPRESSED NO_CONSENT")
			.containsEntry(late, "SUPPRESSED NO_CONSENT")
			.containsEntry(black, "SUPPRESSED BLACKLISTED");
		assertThat(this.recorded.stream(MessageSkipped.class))
			.extracting((e) -> e.message().customerId(), MessageSkipped::reason)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(none, SkipReason.NO_CONSENT),
					org.assertj.core.groups.Tuple.tuple(out, SkipReason.NO_CONSENT),
					org.assertj.core.groups.Tuple.tuple(late, SkipReason.NO_CONSENT),
					org.assertj.core.groups.Tuple.tuple(black, SkipReason.BLACKLISTED));
		assertThat(this.jdbc.sql("select address from delivery.message where customer_id = :id")
			.param("id", in)
			.query(String.class)
			.single()).isEqualTo("in@example.com");
	}

	@Test
	void anOptOutRecordedAfterTheClaimButBeforeItsGroupIsSentIsHonoured() {
		List<Long> customers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			customers.add(customer("g" + i, true, ConsentStatus.OPT_IN));
		}
		long optedOut = customers.get(4);
		long blacklisted = customers.get(5);
		enqueue(11, "s1", SendRules.NONE, customers.stream().mapToLong(Long::longValue).toArray());
		// While the first group of two goes out, one customer of a later group
		// unsubscribes
		// and another is blacklisted: the batch of six was claimed before either
		// happened.
		ChannelSender sender = sender((o) -> {
			this.sent.add(o);
			if (this.sent.size() == 1) {
				this.consents.change(optedOut, Channel.EMAIL, ConsentStatus.OPT_OUT, Instant.now(), "UNSUBSCRIBE",
						null);
				this.jdbc.sql("update domain.customer set blacklisted = true where id = :id")
					.param("id", blacklisted)
					.update();
			}
			return new SendOutcome.Sent("id-" + o.messageId());
		});

		assertThat(worker(sender, 200, 2, Clock.systemUTC()).runOnce()).isEqualTo(6);

		assertThat(this.sent).extracting(Outgoing::address)
			.containsExactlyInAnyOrder("g0@example.com", "g1@example.com", "g2@example.com", "g3@example.com");
		assertThat(states()).containsEntry(optedOut, "SUPPRESSED NO_CONSENT")
			.containsEntry(blacklisted, "SUPPRESSED BLACKLISTED");
		assertThat(this.recorded.stream(MessageSkipped.class)).extracting((e) -> e.message().customerId())
			.containsExactlyInAnyOrder(optedOut, blacklisted);
	}

	/**
	 * A customer whose name is a URL: the name goes out as plain text, and no click token
	 * of the message leads anywhere but the content's own link, which is tracked although
	 * its href is unquoted.
	 */
	@Test
	void aUrlFromCustomerDataIsNeverTrackedAndAnUnquotedContentLinkIs(@Autowired Tracking tracking) {
		this.content = this.contents.create(new ContentRequest("Redirect", Channel.EMAIL, "Hi {{name}}",
				"<html><body><p>Hello {{name}}</p><a href=https://shop.example.com/sale>Sale</a></body></html>", null,
				null, null), "tester");
		long id = customer("evil", true, ConsentStatus.OPT_IN);
		this.jdbc.sql("update domain.customer set name = 'http://evil.test/x' where id = :id").param("id", id).update();
		enqueue(13, "s1", SendRules.NONE, id);

		worker(recording(), 200, Clock.systemUTC()).runOnce();

		Outgoing out = this.sent.get(0);
		String click = this.urls.click(out.messageId(), 0);
		assertThat(out.message().html()).contains("href=\"" + click + "\"")
			.contains("Hello http://evil.test/x")
			.doesNotContain("href=https://shop.example.com");
		assertThat(out.message().text()).contains("Hello http://evil.test/x").contains("Sale (" + click + ")");
		assertThat(out.message().links()).containsExactly("https://shop.example.com/sale");
		List<URI> targets = new ArrayList<>();
		for (int link = 0; link < 5; link++) {
			String url = this.urls.click(out.messageId(), link);
			tracking.click(url.substring(url.indexOf("/t/c/") + 5)).ifPresent(targets::add);
		}
		assertThat(targets).containsExactly(URI.create("https://shop.example.com/sale"));
	}

	@Test
	void theFrequencyCapCountsSentAndSendingMessagesAcrossOrPerChannel() {
		long a = customer("a", true, ConsentStatus.OPT_IN);
		long b = customer("b", true, ConsentStatus.OPT_IN);
		long c = customer("c", true, ConsentStatus.OPT_IN);
		// a had an email yesterday; b had a LINE message yesterday; c had one 8 days ago
		sentBefore(a, Channel.EMAIL, "1 day");
		sentBefore(b, Channel.LINE, "1 day");
		sentBefore(c, Channel.EMAIL, "8 days");
		SendRules acrossChannels = new SendRules(new SendRules.FrequencyCap(1, 7, false), null);
		SendRules perChannel = new SendRules(new SendRules.FrequencyCap(1, 7, true), null);
		enqueue(2, "s1", acrossChannels, a, b, c);
		enqueue(3, "s1", perChannel, b);

		worker(recording(), 200, Clock.systemUTC()).runOnce();

		assertThat(states()).containsEntry(a, "SUPPRESSED FREQUENCY_CAP").containsEntry(c, "SENT");
		assertThat(this.jdbc.sql("""
				select source_id || ' ' || state || coalesce(' ' || skip_reason, '') from delivery.message
				where customer_id = :b and source_id in (2, 3) order by source_id
				""").param("b", b).query(String.class).list())
			.as("across channels the LINE message counts; per channel only the first email in this batch")
			.containsExactly("2 SUPPRESSED FREQUENCY_CAP", "3 SENT");
		assertThat(this.recorded.stream(MessageSkipped.class)).extracting(MessageSkipped::reason)
			.containsOnly(SkipReason.FREQUENCY_CAP)
			.hasSize(2);
	}

	@Test
	void inQuietHoursAMessageWaitsUntilTheirEnd() {
		long id = customer("quiet", true, ConsentStatus.OPT_IN);
		enqueue(4, "s1", new SendRules(null, new SendRules.QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0))), id);
		// 23:00 in Tokyo: quiet until 09:00 the next morning
		Clock night = Clock.fixed(Instant.parse("2026-11-23T14:00:00Z"), ZoneOffset.UTC);

		assertThat(worker(recording(), 200, night).runOnce()).isEqualTo(1);

		assertThat(this.sent).isEmpty();
		assertThat(this.jdbc.sql("select state, attempts, next_attempt_at from delivery.message")
			.query((rs, n) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getTimestamp(3).toInstant())
			.single()).isEqualTo("QUEUED 0 2026-11-24T00:00:00Z");

		this.jdbc.sql("update delivery.message set next_attempt_at = now()").update();
		Clock morning = Clock.fixed(Instant.parse("2026-11-24T00:30:00Z"), ZoneOffset.UTC);
		worker(recording(), 200, morning).runOnce();
		assertThat(this.sent).hasSize(1);
		assertThat(states()).containsEntry(id, "SENT");
	}

	@Test
	void twoWorkersSideBySideSendEachMessageOnceAndHoldTheCap() throws Exception {
		List<Long> plain = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			plain.add(customer("p" + i, true, ConsentStatus.OPT_IN));
		}
		List<Long> capped = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			capped.add(customer("c" + i, true, ConsentStatus.OPT_IN));
		}
		enqueue(5, "s1", SendRules.NONE, plain.stream().mapToLong(Long::longValue).toArray());
		SendRules cap = new SendRules(new SendRules.FrequencyCap(1, 7, false), null);
		enqueue(6, "s1", cap, capped.stream().mapToLong(Long::longValue).toArray());
		enqueue(7, "s1", cap, capped.stream().mapToLong(Long::longValue).toArray());

		ChannelSender sender = recording();
		List<DeliveryWorker> workers = List.of(worker(sender, 37, Clock.systemUTC()),
				worker(sender, 37, Clock.systemUTC()));
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (DeliveryWorker worker : workers) {
				runs.add(pool.submit(() -> {
					int total = 0;
					int n;
					while ((n = worker.runOnce()) > 0) {
						total += n;
					}
					return total;
				}));
			}
			int claimed = 0;
			for (Future<Integer> run : runs) {
				claimed += run.get();
			}
			assertThat(claimed).isEqualTo(700);
		}
		finally {
			pool.shutdownNow();
		}
		List<Long> ids = this.sent.stream().map(Outgoing::messageId).toList();
		assertThat(ids).hasSize(600).doesNotHaveDuplicates();
		assertThat(this.sent.stream().map(Outgoing::address)).doesNotHaveDuplicates();
		assertThat(this.jdbc.sql("select count(*) from delivery.message where skip_reason = 'FREQUENCY_CAP'")
			.query(Long.class)
			.single()).isEqualTo(100);
	}

	@Test
	void aMessageLeftSendingByACrashIsReportedOnceAndNotResent() {
		long id = customer("crash", true, ConsentStatus.OPT_IN);
		enqueue(8, "s1", SendRules.NONE, id);
		long message = this.outbox.claim(1, "crashed-instance", Instant.now(), Duration.ofMinutes(1)).get(0).id();
		assertThat(this.outbox.startSending(List.of(message), "crashed-instance")).hasSize(1);
		this.jdbc.sql("update delivery.message set claimed_at = now() - interval '1 hour'").update();

		DeliveryWorker restarted = worker(recording(), 200, Clock.systemUTC());
		assertThat(restarted.runOnce()).isZero();
		assertThat(this.sent).isEmpty();
		assertThat(restarted.reportStuck()).containsExactly(message);
		assertThat(restarted.reportStuck()).isEmpty();
		assertThat(states()).containsEntry(id, "SENDING");
	}

	@Test
	void aTransientErrorIsRetriedWithBackoffUntilTheLastAttempt() {
		long id = customer("busy", true, ConsentStatus.OPT_IN);
		enqueue(9, "s1", SendRules.NONE, id);
		DeliveryWorker worker = worker((o) -> new SendOutcome.Transient("421 busy", null), 200, Clock.systemUTC());

		worker.runOnce();
		assertThat(retryDelay()).isCloseTo(60, within(5L));
		this.jdbc.sql("update delivery.message set next_attempt_at = now()").update();
		worker.runOnce();
		assertThat(retryDelay()).as("doubled").isCloseTo(120, within(5L));

		this.jdbc.sql("update delivery.message set next_attempt_at = now()").update();
		worker((o) -> new SendOutcome.Transient("429", Duration.ofHours(2)), 200, Clock.systemUTC()).runOnce();
		assertThat(retryDelay()).as("Retry-After when longer").isCloseTo(7200, within(5L));

		this.jdbc.sql("update delivery.message set next_attempt_at = now(), attempts = 4").update();
		worker.runOnce();
		assertThat(this.jdbc.sql("select state || ' ' || attempts || ' ' || error from delivery.message")
			.query(String.class)
			.single()).isEqualTo("FAILED 5 Gave up after 5 attempts: 421 busy");
	}

	@Test
	void aPermanentFailureOfTheAddressSuppressesIt() {
		long id = customer("gone", true, ConsentStatus.OPT_IN);
		enqueue(10, "s1", SendRules.NONE, id);
		worker((o) -> new SendOutcome.Permanent("550 5.1.1 no such user", true), 200, Clock.systemUTC()).runOnce();

		assertThat(this.jdbc.sql("select state || ' ' || undeliverable || ' ' || error from delivery.message")
			.query(String.class)
			.single()).isEqualTo("FAILED true 550 5.1.1 no such user");
		assertThat(this.jdbc.sql("select channel || ' ' || address from domain.suppression").query(String.class).list())
			.containsExactly("EMAIL gone@example.com");

		enqueue(10, "s2", SendRules.NONE, id);
		worker(recording(), 200, Clock.systemUTC()).runOnce();
		assertThat(this.sent).isEmpty();
		assertThat(this.jdbc.sql("select skip_reason from delivery.message where step_key = 's2'")
			.query(String.class)
			.single()).isEqualTo("SUPPRESSED");
	}

	@Test
	void backoffDoublesUpToAnHour() {
		assertThat(DeliveryWorker.backoff(Duration.ofMinutes(1), 1, null)).isEqualTo(Duration.ofMinutes(1));
		assertThat(DeliveryWorker.backoff(Duration.ofMinutes(1), 4, null)).isEqualTo(Duration.ofMinutes(8));
		assertThat(DeliveryWorker.backoff(Duration.ofMinutes(1), 30, null)).isEqualTo(Duration.ofHours(1));
		assertThat(DeliveryWorker.backoff(Duration.ofMinutes(1), 2, Duration.ofSeconds(30)))
			.isEqualTo(Duration.ofMinutes(2));
	}

	private long retryDelay() {
		return this.jdbc.sql("""
				select extract(epoch from next_attempt_at - now())::bigint from delivery.message where state = 'QUEUED'
				""").query(Long.class).single();
	}

	ChannelSender recording() {
		return sender((o) -> {
			this.sent.add(o);
			return new SendOutcome.Sent("id-" + o.messageId());
		});
	}

	static ChannelSender sender(Function<Outgoing, SendOutcome> outcome) {
		return new ChannelSender() {

			@Override
			public Channel channel() {
				return Channel.EMAIL;
			}

			@Override
			public List<SendOutcome> send(List<Outgoing> batch) {
				return batch.stream().map(outcome).toList();
			}

		};
	}

	DeliveryWorker worker(Function<Outgoing, SendOutcome> outcome, int batchSize, Clock clock) {
		return worker(sender(outcome), batchSize, clock);
	}

	DeliveryWorker worker(ChannelSender sender, int batchSize, Clock clock) {
		return worker(sender, batchSize, 50, clock);
	}

	DeliveryWorker worker(ChannelSender sender, int batchSize, int groupSize, Clock clock) {
		DeliveryProperties.Worker w = this.properties.worker();
		DeliveryProperties settings = new DeliveryProperties(this.properties.email(), this.properties.line(),
				this.properties.sms(),
				new DeliveryProperties.Worker(false, batchSize, w.pollInterval(), 5, Duration.ofMinutes(1),
						Duration.ofMinutes(10), groupSize, Duration.ofMinutes(1)),
				Map.of(), this.properties.testSend());
		return new DeliveryWorker(this.outbox, this.eligibility, this.caps, this.contents, this.renderer, this.urls,
				this.suppressions, this.events, this.transactions, settings, this.shop, List.of(sender),
				new RateLimits(this.jdbc, settings), clock);
	}

	private long customer(String name, boolean email, ConsentStatus status) {
		long id = this.jdbc.sql("""
				insert into domain.customer (external_id, name, email) values (:e, :n, :m) returning id
				""")
			.param("e", "w-" + name)
			.param("n", "Customer " + name)
			.param("m", email ? name + "@example.com" : null)
			.query(Long.class)
			.single();
		if (status != null) {
			this.consents.change(id, Channel.EMAIL, status, Instant.now().minusSeconds(86_400), "TEST", null);
		}
		return id;
	}

	private void sentBefore(long customer, Channel channel, String age) {
		this.jdbc.sql("""
				insert into delivery.message (source_type, source_id, step_key, customer_id, channel, state, sent_at)
				values ('CAMPAIGN', 99, 'old', :c, :channel, 'SENT', now() - cast(:age as interval))
				""").param("c", customer).param("channel", channel.name()).param("age", age).update();
	}

	private void enqueue(long source, String step, SendRules rules, long... customers) {
		List<Outbox.Entry> entries = new ArrayList<>();
		for (long c : customers) {
			entries.add(new Outbox.Entry("CAMPAIGN", source, step, c, Channel.EMAIL, this.content, "A", rules));
		}
		this.outbox.enqueue(entries);
	}

	private Map<Long, String> states() {
		Map<Long, String> states = new java.util.HashMap<>();
		this.jdbc.sql("""
				select customer_id, state || coalesce(' ' || skip_reason, '') from delivery.message
				where source_id <> 99 order by id
				""").query((rs, n) -> states.put(rs.getLong(1), rs.getString(2))).list();
		return states;
	}

}
