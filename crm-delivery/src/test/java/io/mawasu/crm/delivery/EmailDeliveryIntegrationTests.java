package io.mawasu.crm.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mawasu.crm.testing.TestMail;
import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.delivery.send.ChannelSender;
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
		this.jdbc.sql("truncate domain.customer, domain.suppression, delivery.message, delivery.event cascade")
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
				suppressions, events, transactions, properties, shop, senders, Clock.systemUTC());
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
