package io.mawasu.crm.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.delivery.TrackingTokens.Kind;
import io.mawasu.crm.delivery.TrackingTokens.Target;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.consent.Consents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = DeliveryTestApplication.class)
@RecordApplicationEvents
class TrackingIntegrationTests {

	@Autowired
	Tracking tracking;

	@Autowired
	TrackingTokens tokens;

	@Autowired
	Contents contents;

	@Autowired
	Consents consents;

	@Autowired
	DeliveryHistory history;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	long customer;

	long message;

	@BeforeEach
	void sentMessage() {
		this.jdbc.sql("truncate domain.customer, delivery.message, delivery.event cascade").update();
		long content = this.contents.create(
				new ContentRequest("Tracked", Channel.EMAIL, "Sale",
						"<html><body><a href=\"https://shop.example.com/sale?c=1&amp;d=2\">Sale</a>"
								+ " <a href=\"https://shop.example.com/new\">New</a></body></html>",
						null, null, null),
				"tester");
		this.customer = this.jdbc.sql(
				"insert into domain.customer (external_id, name, email) values ('t1', 'Hanako', 'hanako@example.com') returning id")
			.query(Long.class)
			.single();
		this.consents.change(this.customer, Channel.EMAIL, ConsentStatus.OPT_IN, Instant.now().minusSeconds(60), "TEST",
				null);
		this.message = this.jdbc
			.sql("""
					insert into delivery.message (source_type, source_id, step_key, customer_id, channel, content_id, variant,
						state, sent_at, address)
					values ('SCENARIO', 7, 's1', :c, 'EMAIL', :content, 'A', 'SENT', now() - interval '1 minute',
						'hanako@example.com')
					returning id
					""")
			.param("c", this.customer)
			.param("content", content)
			.query(Long.class)
			.single();
	}

	@Test
	void aGenuineClickGoesToTheContentsLinkAndCountsAsEngagement() {
		assertThat(this.tracking.click(token(Kind.CLICK, this.message, 1)))
			.contains(URI.create("https://shop.example.com/new"));
		assertThat(this.tracking.click(token(Kind.CLICK, this.message, 0)))
			.contains(URI.create("https://shop.example.com/sale?c=1&d=2"));
		assertThat(this.tracking.click(token(Kind.CLICK, this.message, 0))).isPresent();

		assertThat(this.jdbc.sql("select kind || ' ' || link || ' ' || first from delivery.event order by id")
			.query(String.class)
			.list()).containsExactly("CLICKED 1 true", "CLICKED 0 false", "CLICKED 0 false");
		assertThat(this.jdbc.sql("""
				select last_clicked_at > now() - interval '1 minute' and last_opened_at is not null
				from domain.customer_engagement where customer_id = :c and channel = 'EMAIL'
				""").param("c", this.customer).query(Boolean.class).single()).isTrue();
		assertThat(this.events.stream(MessageEngaged.class)).singleElement().satisfies((e) -> {
			assertThat(e.kind()).isEqualTo(MessageEngaged.Kind.CLICKED);
			assertThat(e.message().stepKey()).isEqualTo("s1");
			assertThat(e.message().customerId()).isEqualTo(this.customer);
		});
		assertThat(this.history.clicked("SCENARIO", 7, "s1", List.of(this.customer, 999L)))
			.containsExactly(this.customer);
		assertThat(this.history.opened("SCENARIO", 7, "s1", List.of(this.customer))).containsExactly(this.customer);
	}

	@Test
	void aClickOnALinkTheContentDoesNotHaveGoesNowhere() {
		assertThat(this.tracking.click(token(Kind.CLICK, this.message, 2))).isEmpty();
		assertThat(this.tracking.click(token(Kind.CLICK, this.message, -1))).isEmpty();
		assertThat(this.tracking.click(token(Kind.CLICK, this.message + 1000, 0))).isEmpty();
		assertThat(count()).isZero();
	}

	@Test
	void forgedOrAlteredTokensAreRejected() {
		String genuine = token(Kind.CLICK, this.message, 0);
		String payload = genuine.substring(0, genuine.indexOf('.'));
		String signature = genuine.substring(genuine.indexOf('.') + 1);
		String otherPayload = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("CLICK:" + this.message + ":1").getBytes());
		assertThat(this.tracking.click(otherPayload + "." + signature)).isEmpty();
		assertThat(this.tracking.click(payload + "." + signature.substring(1) + "A")).isEmpty();
		assertThat(this.tracking.click("garbage")).isEmpty();
		assertThat(this.tracking.open(token(Kind.CLICK, this.message, 0))).as("a click token is no open token")
			.isFalse();
		assertThat(this.tracking.open(payload)).isFalse();
		assertThat(this.tracking.unsubscribe(token(Kind.OPEN, this.message, 0))).isFalse();
		assertThat(count()).isZero();
		assertThat(this.consents.status(this.customer, Channel.EMAIL)).contains(ConsentStatus.OPT_IN);
	}

	@Test
	void opensAreRecordedWithTheFirstFlagged() {
		assertThat(this.tracking.open(token(Kind.OPEN, this.message, 0))).isTrue();
		assertThat(this.tracking.open(token(Kind.OPEN, this.message, 0))).isTrue();
		assertThat(this.jdbc.sql("select first from delivery.event where kind = 'OPENED' order by id")
			.query(Boolean.class)
			.list()).containsExactly(true, false);
		assertThat(this.events.stream(MessageEngaged.class)).hasSize(1);
		assertThat(this.history.opened("SCENARIO", 7, "s1", List.of(this.customer))).containsExactly(this.customer);
		assertThat(this.history.clicked("SCENARIO", 7, "s1", List.of(this.customer))).isEmpty();
		assertThat(this.history.timeline(this.customer, 10)).singleElement().satisfies((t) -> {
			assertThat(t.state()).isEqualTo("SENT");
			assertThat(t.openedAt()).isNotNull();
			assertThat(t.clickedAt()).isNull();
		});
	}

	@Test
	void unsubscribingOptsTheCustomerOutOfTheChannel() {
		String token = token(Kind.UNSUBSCRIBE, this.message, 0);
		assertThat(this.tracking.unsubscribeTarget(token))
			.contains(new Tracking.UnsubscribeTarget(Channel.EMAIL, "h***@example.com"));
		assertThat(this.tracking.unsubscribe(token)).isTrue();
		assertThat(this.tracking.unsubscribe(token)).as("again: still done").isTrue();
		assertThat(this.consents.status(this.customer, Channel.EMAIL)).contains(ConsentStatus.OPT_OUT);
		assertThat(this.jdbc.sql("""
				select status || ' ' || source from domain.consent_history where customer_id = :c order by id
				""").param("c", this.customer).query(String.class).list()).containsExactly("OPT_IN TEST",
				"OPT_OUT UNSUBSCRIBE");
		assertThat(this.jdbc.sql("select count(*) from delivery.event where kind = 'UNSUBSCRIBED'")
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void unansweredSendsCountSinceTheLatestEngagement() {
		long second = sent("s2", "3 days");
		long third = sent("s3", "1 day");
		assertThat(this.history.unansweredSends("SCENARIO", 7, List.of(this.customer))).containsEntry(this.customer, 3);
		this.jdbc.sql("""
				insert into delivery.event (message_id, customer_id, channel, kind, at, first)
				values (:m, :c, 'EMAIL', 'OPENED', now() - interval '2 days', true)
				""").param("m", second).param("c", this.customer).update();
		assertThat(this.history.unansweredSends("SCENARIO", 7, List.of(this.customer))).containsEntry(this.customer, 2);
		this.tracking.open(token(Kind.OPEN, third, 0));
		assertThat(this.history.unansweredSends("SCENARIO", 7, List.of(this.customer))).isEmpty();
	}

	@Test
	void statsShowTheQueueOutcomesPerHourAndRecentFailures() {
		this.jdbc.sql("""
				insert into delivery.message (source_type, source_id, step_key, customer_id, channel, state, error,
					finished_at, claimed_at)
				values ('SCENARIO', 8, 'a', :c, 'SMS', 'FAILED', '21211 invalid number', now(), null),
					('SCENARIO', 8, 'b', :c, 'EMAIL', 'SUPPRESSED', null, now(), null),
					('SCENARIO', 8, 'c', :c, 'EMAIL', 'QUEUED', null, null, null),
					('SCENARIO', 8, 'd', :c, 'EMAIL', 'SENDING', null, null, now() - interval '2 hours')
				""").param("c", this.customer).update();
		this.jdbc.sql("update delivery.message set finished_at = sent_at where state = 'SENT'").update();
		DeliveryStats stats = this.history.stats(Duration.ofHours(24));
		assertThat(stats.queue()).containsEntry("QUEUED", 1L).containsEntry("DUE", 1L).containsEntry("SENDING", 1L);
		assertThat(stats.stuck()).isEqualTo(1);
		assertThat(stats.recentFailures()).singleElement().satisfies((f) -> {
			assertThat(f.error()).isEqualTo("21211 invalid number");
			assertThat(f.channel()).isEqualTo(Channel.SMS);
		});
		assertThat(stats.hourly())
			.extracting(DeliveryStats.Hourly::channel, DeliveryStats.Hourly::sent, DeliveryStats.Hourly::failed,
					DeliveryStats.Hourly::suppressed)
			.contains(org.assertj.core.groups.Tuple.tuple(Channel.SMS, 0L, 1L, 0L));
		assertThat(stats.hourly().stream().mapToLong(DeliveryStats.Hourly::sent).sum()).isEqualTo(1);
		assertThat(stats.hourly().stream().mapToLong(DeliveryStats.Hourly::suppressed).sum()).isEqualTo(1);
	}

	private long sent(String step, String ago) {
		return this.jdbc.sql("""
				insert into delivery.message (source_type, source_id, step_key, customer_id, channel, state, sent_at)
				values ('SCENARIO', 7, :step, :c, 'EMAIL', 'SENT', now() - cast(:ago as interval)) returning id
				""").param("step", step).param("c", this.customer).param("ago", ago).query(Long.class).single();
	}

	private String token(Kind kind, long message, int link) {
		return this.tokens.sign(new Target(kind, message, link));
	}

	private long count() {
		return this.jdbc.sql("select count(*) from delivery.event").query(Long.class).single();
	}

}
