package io.mawasu.crm.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mawasu.crm.testing.TestMail;
import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.delivery.send.ChannelSender;
import io.mawasu.crm.delivery.send.Outgoing;
import io.mawasu.crm.delivery.send.SendOutcome;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.consent.Consents;
import io.mawasu.crm.domain.consent.Suppressions;
import io.mawasu.crm.domain.customer.ShopProperties;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worker end to end over SMTP: what arrives in GreenMail. */
@SpringBootTest(classes = DeliveryTestApplication.class)
class EmailDeliveryIntegrationTests {

	@RegisterExtension
	static GreenMailExtension greenMail = TestMail.server();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		TestMail.register(registry, greenMail);
	}

	@Autowired
	DeliveryWorker worker;

	@Autowired
	Outbox outbox;

	@Autowired
	Contents contents;

	@Autowired
	Consents consents;

	@Autowired
	JdbcClient jdbc;

	long content;

	@BeforeEach
	void reset() throws Exception {
		greenMail.purgeEmailFromAllMailboxes();
		this.jdbc.sql(
				"truncate domain.customer, domain.suppression, delivery.message, delivery.event, delivery.claimer cascade")
			.update();
		this.content = this.contents.create(new ContentRequest("Mail", Channel.EMAIL, "Hello {{name}}",
				"<html><body><p>Hi {{name}}</p><a href=\"https://shop.example.com/sale\">Sale</a></body></html>", null,
				null, null), "tester");
	}

	@Test
	void optedInCustomersGetTheMailAndNobodyElseDoes() throws Exception {
		long in = customer("in", ConsentStatus.OPT_IN);
		long none = customer("none", null);
		long out = customer("out", ConsentStatus.OPT_OUT);
		long late = customer("late", ConsentStatus.OPT_IN);
		enqueue(1, List.of(in, none, out, late));
		// the opt-out arrives after enqueueing, before the send
		this.consents.change(late, Channel.EMAIL, ConsentStatus.OPT_OUT, Instant.now(), "UNSUBSCRIBE", null);

		this.worker.runOnce();

		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(received).singleElement().satisfies((m) -> {
			assertThat(m.getRecipients(RecipientType.TO)[0].toString()).isEqualTo("in@example.com");
			assertThat(m.getSubject()).isEqualTo("Hello Customer in");
			assertThat(m.getHeader("List-Unsubscribe")[0]).contains("/u/");
			assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		});
		assertThat(this.jdbc.sql("""
				select state || coalesce(' ' || skip_reason, '') from delivery.message order by customer_id
				""").query(String.class).list()).containsExactly("SENT", "SUPPRESSED NO_CONSENT",
				"SUPPRESSED NO_CONSENT", "SUPPRESSED NO_CONSENT");
	}

	@Test
	void twoWorkersDeliverEachOf500MessagesExactlyOnce(@Autowired Outbox outbox, @Autowired SendEligibility eligibility,
			@Autowired FrequencyCaps caps, @Autowired MessageRenderer renderer, @Autowired TrackingUrls urls,
			@Autowired Suppressions suppressions, @Autowired ApplicationEventPublisher events,
			@Autowired PlatformTransactionManager transactions, @Autowired DeliveryProperties properties,
			@Autowired ShopProperties shop, @Autowired List<ChannelSender> senders) throws Exception {
		List<Long> customers = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			customers.add(customer("c" + i, ConsentStatus.OPT_IN));
		}
		enqueue(2, customers);
		DeliveryWorker second = new DeliveryWorker(outbox, eligibility, caps, this.contents, renderer, urls,
				suppressions, events, transactions, properties, shop, senders, new RateLimits(this.jdbc, properties),
				Clock.systemUTC());
		assertThat(second.workerId()).isNotEqualTo(this.worker.workerId());

		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (DeliveryWorker w : List.of(this.worker, second)) {
				runs.add(pool.submit(() -> {
					while (w.runOnce() > 0) {
						// until the queue is empty
					}
				}));
			}
			for (Future<?> run : runs) {
				run.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(received).hasSize(500);
		assertThat(Arrays.stream(received).map(EmailDeliveryIntegrationTests::to)).doesNotHaveDuplicates();
		assertThat(
				this.jdbc.sql("select count(*) from delivery.message where state = 'SENT'").query(Long.class).single())
			.isEqualTo(500);
	}

	/**
	 * A worker claims 500, hands three groups of 50 to SMTP and dies before recording the
	 * third (an Error stands in for kill -9: nothing of the worker runs afterwards). The
	 * other worker may not touch its claim while the lease lives; once it lapses, it
	 * sends the 350 that were never attempted. Every customer gets exactly one mail; the
	 * 50 that may or may not have gone out stay SENDING and are reported, never resent.
	 */
	@Test
	void aCrashMidBatchLeavesOneGroupUncertainAndTheRestIsSentOnceByAnotherWorker(@Autowired Outbox outbox,
			@Autowired SendEligibility eligibility, @Autowired FrequencyCaps caps, @Autowired MessageRenderer renderer,
			@Autowired TrackingUrls urls, @Autowired Suppressions suppressions,
			@Autowired ApplicationEventPublisher events, @Autowired PlatformTransactionManager transactions,
			@Autowired DeliveryProperties properties, @Autowired ShopProperties shop,
			@Autowired List<ChannelSender> senders) throws Exception {
		List<Long> customers = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			customers.add(customer("lease" + i, ConsentStatus.OPT_IN));
		}
		enqueue(3, customers);
		ChannelSender smtp = senders.stream().filter((s) -> s.channel() == Channel.EMAIL).findFirst().orElseThrow();
		AtomicInteger calls = new AtomicInteger();
		ChannelSender dying = new ChannelSender() {

			@Override
			public Channel channel() {
				return Channel.EMAIL;
			}

			@Override
			public List<SendOutcome> send(List<Outgoing> batch) {
				List<SendOutcome> outcomes = smtp.send(batch);
				if (calls.incrementAndGet() == 3) {
					throw new Killed();
				}
				return outcomes;
			}

		};
		DeliveryProperties.Worker w = properties.worker();
		DeliveryProperties settings = new DeliveryProperties(
				properties.email(), properties.line(), properties.sms(), new DeliveryProperties.Worker(false, 500,
						w.pollInterval(), 5, Duration.ofMinutes(1), Duration.ofMinutes(10), 50, Duration.ofMinutes(1)),
				Map.of(), properties.testSend());
		MutableClock clock = new MutableClock(Instant.now());
		DeliveryWorker crashing = new DeliveryWorker(outbox, eligibility, caps, this.contents, renderer, urls,
				suppressions, events, transactions, settings, shop, List.of(dying), new RateLimits(this.jdbc, settings),
				clock);
		DeliveryWorker survivor = new DeliveryWorker(outbox, eligibility, caps, this.contents, renderer, urls,
				suppressions, events, transactions, settings, shop, senders, new RateLimits(this.jdbc, settings),
				clock);

		assertThatThrownBy(crashing::runOnce).isInstanceOf(Killed.class);
		assertThat(received(150)).hasSize(150);
		assertThat(stateCounts()).containsEntry("SENT", 100L)
			.containsEntry("SENDING", 50L)
			.containsEntry("QUEUED", 350L);

		assertThat(survivor.runOnce()).as("the dead worker's lease is still live").isZero();
		clock.advance(Duration.ofSeconds(61));
		assertThat(survivor.releaseExpiredClaims()).isEqualTo(350);
		while (survivor.runOnce() > 0) {
			// until the queue is empty
		}

		MimeMessage[] received = received(500);
		assertThat(received).as("none lost").hasSize(500);
		assertThat(Arrays.stream(received).map(EmailDeliveryIntegrationTests::to)).as("none sent twice")
			.doesNotHaveDuplicates();
		Map<String, Long> states = stateCounts();
		assertThat(states).as("only the group being sent at the crash is uncertain")
			.containsEntry("SENT", 450L)
			.containsEntry("SENDING", 50L)
			.doesNotContainKey("QUEUED");
		this.jdbc.sql("update delivery.message set claimed_at = claimed_at - interval '1 hour' where state = 'SENDING'")
			.update();
		assertThat(survivor.reportStuck()).as("reported, not resent").hasSize(50);
		assertThat(survivor.runOnce()).isZero();
		assertThat(greenMail.getReceivedMessages()).hasSize(500);
	}

	/**
	 * What GreenMail holds once {@code expected} messages are in (GreenMail may store the
	 * last one just after it acknowledged it), or after 10 s.
	 */
	private static MimeMessage[] received(int expected) throws InterruptedException {
		long until = System.nanoTime() + 10_000_000_000L;
		MimeMessage[] received = greenMail.getReceivedMessages();
		while (received.length < expected && System.nanoTime() < until) {
			Thread.sleep(50);
			received = greenMail.getReceivedMessages();
		}
		return received;
	}

	private Map<String, Long> stateCounts() {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.sql("select state, count(*) from delivery.message group by state")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	/** Stands in for kill -9 of the worker's process. */
	static final class Killed extends Error {

		Killed() {
			super("killed");
		}

	}

	/** A clock the test moves forward, so leases lapse without waiting. */
	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	private static String to(MimeMessage message) {
		try {
			return message.getRecipients(RecipientType.TO)[0].toString();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void enqueue(long source, List<Long> customers) {
		this.outbox.enqueue(customers.stream()
			.map((c) -> new Outbox.Entry("CAMPAIGN", source, "s1", c, Channel.EMAIL, this.content, "A"))
			.toList());
	}

	private long customer(String name, ConsentStatus status) {
		long id = this.jdbc
			.sql("insert into domain.customer (external_id, name, email) values (:e, :n, :m) returning id")
			.param("e", "m-" + name)
			.param("n", "Customer " + name)
			.param("m", name + "@example.com")
			.query(Long.class)
			.single();
		if (status != null) {
			this.consents.change(id, Channel.EMAIL, status, Instant.now().minusSeconds(60), "TEST", null);
		}
		return id;
	}

}
