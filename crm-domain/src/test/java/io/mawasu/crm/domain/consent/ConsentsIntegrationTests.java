package io.mawasu.crm.domain.consent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.mawasu.crm.domain.customer.CustomerEngagements;
import io.mawasu.crm.domain.customer.PhoneBackfill;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@SpringBootTest
@RecordApplicationEvents
class ConsentsIntegrationTests {

	static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

	@Autowired
	Consents consents;

	@Autowired
	Suppressions suppressions;

	@Autowired
	CustomerEngagements engagements;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PhoneBackfill phones;

	@Autowired
	ApplicationEvents events;

	String prefix;

	@BeforeEach
	void prefix() {
		this.prefix = "cs" + UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	@Test
	void anOptOutIsNeverUndoneByAnOlderOrSimultaneousOptIn() {
		long id = customer("1", null, null);
		assertThat(this.consents.change(id, Channel.EMAIL, ConsentStatus.OPT_IN, T, "TEST", "alice")).isTrue();
		assertThat(
				this.consents.change(id, Channel.EMAIL, ConsentStatus.OPT_OUT, T.plusSeconds(60), "UNSUBSCRIBE", null))
			.isTrue();
		assertThat(this.consents.change(id, Channel.EMAIL, ConsentStatus.OPT_IN, T.plusSeconds(60), "TEST", null))
			.isFalse();
		assertThat(this.consents.change(id, Channel.EMAIL, ConsentStatus.OPT_IN, T.plusSeconds(30), "TEST", null))
			.isFalse();
		assertThat(this.consents.change(id, Channel.EMAIL, ConsentStatus.OPT_OUT, T.plusSeconds(60), "TEST", null))
			.as("a repeat changes nothing")
			.isFalse();
		assertThat(this.consents.status(id, Channel.EMAIL)).contains(ConsentStatus.OPT_OUT);

		assertThat(this.consents.change(id, Channel.EMAIL, ConsentStatus.OPT_IN, T.plusSeconds(90), "TEST", "bob"))
			.isTrue();
		assertThat(this.consents.status(id, Channel.EMAIL)).contains(ConsentStatus.OPT_IN);
		assertThat(this.consents.status(id, Channel.LINE)).isEmpty();

		assertThat(this.jdbc.sql("""
				select status, source, actor from domain.consent_history where customer_id = :id order by id
				""").param("id", id).query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3))).list())
			.containsExactly(tuple("OPT_IN", "TEST", "alice"), tuple("OPT_OUT", "UNSUBSCRIBE", null),
					tuple("OPT_IN", "TEST", "bob"));
		assertThat(this.events.stream(ConsentChanged.class).filter((e) -> e.customerId() == id))
			.extracting(ConsentChanged::status, ConsentChanged::source)
			.containsExactly(tuple(ConsentStatus.OPT_IN, "TEST"), tuple(ConsentStatus.OPT_OUT, "UNSUBSCRIBE"),
					tuple(ConsentStatus.OPT_IN, "TEST"));
	}

	@Test
	void anUnknownCustomerChangesNothing() {
		assertThat(this.consents.change(Long.MAX_VALUE, Channel.SMS, ConsentStatus.OPT_OUT, T, "TEST", null)).isFalse();
		assertThat(this.events.stream(ConsentChanged.class)).isEmpty();
	}

	@Test
	void findsCustomersByLineUserIdAndByPhoneInE164() {
		long line = customer("line", "U" + this.prefix, null);
		String phone = "090-" + (1000 + ThreadLocalRandom.current().nextInt(9000)) + "-"
				+ (1000 + ThreadLocalRandom.current().nextInt(9000));
		long a = customer("a", null, phone);
		long b = customer("b", null, " " + phone.replace("-", "") + " ");
		assertThat(this.consents.customerByLineUserId(" U" + this.prefix)).contains(line);
		assertThat(this.consents.customerByLineUserId("U-unknown-" + this.prefix)).isEmpty();
		String international = "+81" + phone.replace("-", "").substring(1);
		assertThat(this.consents.customersByPhone(international)).containsExactly(a, b);
		assertThat(this.consents.customersByPhone(phone)).containsExactly(a, b);
		assertThat(this.consents.customersByPhone("+1 415 555 0100")).isEmpty();
		assertThat(this.consents.customersByPhone("")).isEmpty();
		assertThat(this.consents.customersByPhone("not a phone")).isEmpty();
	}

	@Test
	void suppressesSmsNumbersInE164() {
		String national = "090-" + (1000 + ThreadLocalRandom.current().nextInt(9000)) + "-5678";
		String e164 = "+81" + national.replace("-", "").substring(1);
		assertThat(this.suppressions.suppress(Channel.SMS, List.of(national, e164), "bounce")).isEqualTo(1);
		assertThat(this.jdbc.sql("select address from domain.suppression where channel = 'SMS' and address like :a")
			.param("a", "%" + e164.substring(1))
			.query(String.class)
			.list()).containsExactly(e164);
	}

	@Test
	void suppressesAddressesOnce() {
		String address = this.prefix + "@example.com";
		assertThat(this.suppressions.suppress(Channel.EMAIL, List.of(address, " " + address), "bounce")).isEqualTo(1);
		assertThat(this.suppressions.suppress(Channel.EMAIL, List.of(address), "again")).isZero();
		assertThat(this.jdbc.sql("select reason from domain.suppression where address = :a")
			.param("a", address)
			.query(String.class)
			.list()).containsExactly("bounce");
	}

	@Test
	void engagementTimesOnlyMoveForward() {
		long id = customer("e", null, null);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.engagements.recordOpen(id, Channel.EMAIL, now);
		this.engagements.recordOpen(id, Channel.EMAIL, now.minusSeconds(3600));
		this.engagements.recordClick(id, Channel.EMAIL, now.minusSeconds(60));
		this.engagements.recordClick(id, Channel.LINE, now);
		this.engagements.recordOpen(Long.MAX_VALUE, Channel.EMAIL, now);
		assertThat(this.jdbc.sql("""
				select channel, last_opened_at, last_clicked_at from domain.customer_engagement
				where customer_id = :id order by channel
				""")
			.param("id", id)
			.query((rs, n) -> tuple(rs.getString(1), rs.getTimestamp(2).toInstant(),
					(rs.getTimestamp(3) != null) ? rs.getTimestamp(3).toInstant() : null))
			.list()).containsExactly(tuple("EMAIL", now, now.minusSeconds(60)), tuple("LINE", now, now));
	}

	/** Inserted by SQL, so the phone gets its E.164 form from the backfill. */
	private long customer(String suffix, String line, String phone) {
		long id = this.jdbc.sql("""
				insert into domain.customer (external_id, line_user_id, phone) values (:e, :l, :p) returning id
				""").param("e", this.prefix + suffix).param("l", line).param("p", phone).query(Long.class).single();
		this.phones.fill();
		return id;
	}

}
