package io.mawasu.crm.delivery;

import java.util.List;
import java.util.stream.LongStream;

import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.customer.PhoneNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Who can be reached on at least one of a scenario's channels, for enrolment. */
@SpringBootTest(classes = DeliveryTestApplication.class)
class SendEligibilityReachableIntegrationTests {

	@Autowired
	SendEligibility eligibility;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void empty() {
		this.jdbc.sql("truncate domain.customer, domain.suppression cascade").update();
	}

	@Test
	void reachableNeedsAnOptInAnAddressNoBlacklistAndNoSuppressionOnOneChannel() {
		long email = customer("email", "Email@Example.com", null, null, false);
		long smsOnly = customer("sms", null, "090-1111-2222", null, false);
		long lineOnly = customer("line", null, null, "U123", false);
		long out = customer("out", "out@example.com", null, null, false);
		long black = customer("black", "black@example.com", null, null, true);
		long noAddress = customer("noaddr", null, null, null, false);
		long bounced = customer("bounced", " Bounced@example.com", "080-3333-4444", null, false);
		long none = customer("none", "none@example.com", null, null, false);
		consent(email, "EMAIL", "OPT_IN");
		consent(smsOnly, "SMS", "OPT_IN");
		consent(lineOnly, "LINE", "OPT_IN");
		consent(out, "EMAIL", "OPT_OUT");
		consent(black, "EMAIL", "OPT_IN");
		consent(noAddress, "EMAIL", "OPT_IN");
		consent(bounced, "EMAIL", "OPT_IN");
		consent(bounced, "SMS", "OPT_IN");
		this.jdbc.sql("""
				insert into domain.suppression (channel, address, reason)
				values ('EMAIL', 'bounced@example.com', 'bounce'), ('SMS', '+818033334444', 'complaint')
				""").update();
		long[] all = { none, bounced, noAddress, black, out, lineOnly, smsOnly, email, email, 999_999L };

		assertThat(this.eligibility.reachable(List.of(Channel.EMAIL), all)).containsExactly(email);
		assertThat(this.eligibility.reachable(List.of(Channel.EMAIL, Channel.SMS), all)).containsExactly(email,
				smsOnly);
		assertThat(this.eligibility.reachable(List.of(Channel.LINE, Channel.SMS, Channel.EMAIL), all))
			.containsExactly(email, smsOnly, lineOnly);
		assertThat(this.eligibility.reachable(List.of(), all)).isEmpty();
		assertThat(this.eligibility.reachable(List.of(Channel.EMAIL), new long[0])).isEmpty();
	}

	@Test
	void anyNumberOfIdsGoesAsOneParameter() {
		List<Long> ids = this.jdbc.sql("""
				insert into domain.customer (external_id, email)
				select 'many-' || g, 'm' || g || '@example.com' from generate_series(1, 70000) g returning id
				""").query(Long.class).list();
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select id, 'EMAIL', 'OPT_IN', now(), 'test' from domain.customer where external_id like 'many-%'
				""").update();
		long[] asked = LongStream.concat(ids.stream().mapToLong(Long::longValue), LongStream.of(-1)).toArray();
		assertThat(this.eligibility.reachable(List.of(Channel.EMAIL), asked)).hasSize(70_000);
	}

	private long customer(String externalId, String email, String phone, String line, boolean blacklisted) {
		return this.jdbc.sql("""
				insert into domain.customer (external_id, email, phone, phone_e164, line_user_id, blacklisted)
				values (:e, :m, :p, :x, :l, :b) returning id
				""")
			.param("e", externalId)
			.param("m", email)
			.param("p", phone)
			.param("x", (phone != null) ? PhoneNumbers.e164(phone).orElse(null) : null)
			.param("l", line)
			.param("b", blacklisted)
			.query(Long.class)
			.single();
	}

	private void consent(long customer, String channel, String status) {
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				values (:c, :ch, :s, now() - interval '1 day', 'test')
				""").param("c", customer).param("ch", channel).param("s", status).update();
	}

}
