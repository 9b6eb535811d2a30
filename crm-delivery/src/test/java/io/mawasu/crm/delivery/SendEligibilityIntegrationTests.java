package io.mawasu.crm.delivery;

import java.util.List;
import java.util.Map;

import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.customer.PhoneNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@SpringBootTest(classes = DeliveryTestApplication.class)
class SendEligibilityIntegrationTests {

	@Autowired
	SendEligibility eligibility;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void empty() {
		this.jdbc.sql("truncate domain.customer, domain.suppression cascade").update();
	}

	@Test
	void onlyOptedInReachableCustomersMayBeMessaged() {
		long ok = customer("ok", "Ok@Example.com", "090-1111-2222", false);
		long none = customer("none", "none@example.com", null, false);
		long out = customer("out", "out@example.com", null, false);
		long black = customer("black", "black@example.com", null, true);
		long noAddress = customer("noaddr", null, null, false);
		long bounced = customer("bounced", "Bounced@Example.com ", "080-3333-4444", false);
		consent(ok, "EMAIL", "OPT_IN");
		consent(out, "EMAIL", "OPT_OUT");
		consent(black, "EMAIL", "OPT_IN");
		consent(noAddress, "EMAIL", "OPT_IN");
		consent(bounced, "EMAIL", "OPT_IN");
		consent(bounced, "SMS", "OPT_IN");
		consent(ok, "SMS", "OPT_IN");
		this.jdbc.sql(
				"insert into domain.suppression (channel, address, reason) values ('EMAIL', 'bounced@example.com', 'bounce'), ('SMS', '+818033334444', 'complaint')")
			.update();

		Map<Long, SkipReason> email = this.eligibility.blocked(Channel.EMAIL,
				List.of(ok, none, out, black, noAddress, bounced, 999_999L));
		assertThat(email).containsOnly(entry(none, SkipReason.NO_CONSENT), entry(out, SkipReason.NO_CONSENT),
				entry(black, SkipReason.BLACKLISTED), entry(noAddress, SkipReason.NO_ADDRESS),
				entry(bounced, SkipReason.SUPPRESSED), entry(999_999L, SkipReason.NO_CONSENT));
		assertThat(this.eligibility.blocked(Channel.SMS, List.of(ok, bounced)))
			.containsOnly(entry(bounced, SkipReason.SUPPRESSED));
		assertThat(this.eligibility.blocked(Channel.LINE, List.of(ok))).containsOnly(entry(ok, SkipReason.NO_CONSENT));
	}

	@Test
	void aPhoneThatIsNotANumberIsNoSmsAddress() {
		long id = customer("badphone", null, "not a phone", false);
		consent(id, "SMS", "OPT_IN");
		assertThat(this.eligibility.blocked(Channel.SMS, List.of(id))).containsOnly(entry(id, SkipReason.NO_ADDRESS));
	}

	@Test
	void anOptOutAfterTheOptInBlocksAtOnce() {
		long id = customer("late", "late@example.com", null, false);
		consent(id, "EMAIL", "OPT_IN");
		assertThat(this.eligibility.blocked(Channel.EMAIL, List.of(id))).isEmpty();
		this.jdbc.sql("update domain.consent set status = 'OPT_OUT', changed_at = now() where customer_id = :id")
			.param("id", id)
			.update();
		assertThat(this.eligibility.blocked(Channel.EMAIL, List.of(id))).containsOnly(entry(id, SkipReason.NO_CONSENT));
	}

	private long customer(String externalId, String email, String phone, boolean blacklisted) {
		return this.jdbc.sql(
				"insert into domain.customer (external_id, email, phone, phone_e164, blacklisted) values (:e, :m, :p, :x, :b) returning id")
			.param("e", externalId)
			.param("m", email)
			.param("p", phone)
			.param("x", (phone != null) ? PhoneNumbers.e164(phone).orElse(null) : null)
			.param("b", blacklisted)
			.query(Long.class)
			.single();
	}

	private void consent(long id, String channel, String status) {
		this.jdbc.sql(
				"insert into domain.consent (customer_id, channel, status, changed_at, source) values (:id, :c, :s, now() - interval '1 day', 'TEST')")
			.param("id", id)
			.param("c", channel)
			.param("s", status)
			.update();
	}

}
