package io.mawasu.crm.domain.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mawasu.crm.domain.customer.PhoneNumbers;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent changes made through the application (unsubscribe links, LINE follow and
 * unfollow, SMS STOP, a person's edit), with the rules of the CSV import: a change is
 * applied only when it is newer than the stored state, and at the same time an OPT_OUT
 * beats an OPT_IN, so an opt-out is never undone by an older or simultaneous opt-in.
 * Opt-out always wins: an OPT_OUT replaces a stored OPT_IN whatever the stored date (a
 * row dated in the future, imported before such dates were refused, would otherwise block
 * every later opt-out). Every applied change gets a history row and is announced as
 * {@link ConsentChanged}.
 */
@Service
public class Consents {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Consents(JdbcClient jdbc, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Records a change the customer makes right now (an unsubscribe, a LINE follow or
	 * unfollow, an SMS STOP or START), dated by the application's clock rather than by
	 * the provider's or the stored row's time.
	 * @see #change(long, Channel, ConsentStatus, Instant, String, String)
	 */
	@Transactional
	public boolean changeNow(long customerId, Channel channel, ConsentStatus status, String source,
			@Nullable String actor) {
		return change(customerId, channel, status, this.clock.instant(), source, actor);
	}

	/**
	 * Records a customer's consent for a channel. Returns whether it was applied: false
	 * for an unknown customer, and for a change that is not newer than the stored one (an
	 * OPT_IN at the same time as a stored OPT_OUT, or a repeat of the stored state). An
	 * OPT_OUT always replaces a stored OPT_IN.
	 * @param source where the change came from ({@code UNSUBSCRIBE}, {@code LINE_WEBHOOK}
	 * …)
	 * @param actor the user who made it, or null for the customer themself
	 */
	@Transactional
	public boolean change(long customerId, Channel channel, ConsentStatus status, Instant at, String source,
			@Nullable String actor) {
		// The conflict clause re-checks against the locked row, so concurrent changes of
		// one customer and channel apply in the order of their times, not of arrival.
		boolean applied = this.jdbc.sql("""
				insert into domain.consent as c (customer_id, channel, status, changed_at, source)
				select id, :channel, :status, :at, :source from domain.customer where id = :customer
				on conflict (customer_id, channel) do update
				set status = excluded.status, changed_at = excluded.changed_at, source = excluded.source
				where (excluded.changed_at, excluded.status = 'OPT_OUT') > (c.changed_at, c.status = 'OPT_OUT')
					or (excluded.status = 'OPT_OUT' and c.status = 'OPT_IN')
				""")
			.param("customer", customerId)
			.param("channel", channel.name())
			.param("status", status.name())
			.param("at", Timestamp.from(at))
			.param("source", source)
			.update() == 1;
		if (!applied) {
			return false;
		}
		this.jdbc.sql("""
				insert into domain.consent_history (customer_id, channel, status, changed_at, source, actor)
				values (:customer, :channel, :status, :at, :source, :actor)
				""")
			.param("customer", customerId)
			.param("channel", channel.name())
			.param("status", status.name())
			.param("at", Timestamp.from(at))
			.param("source", source)
			.param("actor", actor)
			.update();
		this.events.publishEvent(new ConsentChanged(customerId, channel, status, at, source));
		return true;
	}

	/** The current consent of a customer for a channel; empty when there is none. */
	@Transactional(readOnly = true)
	public Optional<ConsentStatus> status(long customerId, Channel channel) {
		return this.jdbc.sql("select status from domain.consent where customer_id = :customer and channel = :channel")
			.param("customer", customerId)
			.param("channel", channel.name())
			.query((rs, n) -> ConsentStatus.valueOf(rs.getString(1)))
			.optional();
	}

	/** The customer with this LINE user id (surrounding blanks ignored). */
	@Transactional(readOnly = true)
	public Optional<Long> customerByLineUserId(String lineUserId) {
		return this.jdbc.sql("""
				select id from domain.customer
				where btrim(line_user_id) = btrim(:line) and line_user_id is not null
				order by id limit 1
				""").param("line", lineUserId).query(Long.class).optional();
	}

	/**
	 * The customers with this phone number: the number in E.164
	 * ({@link PhoneNumbers#e164}, so {@code +81 90-1234-5678} and {@code 090-1234-5678}
	 * are one number) against the customers' stored {@code phone_e164}, through its
	 * index. Several customers may share one; text that is not a number finds none.
	 */
	@Transactional(readOnly = true)
	public List<Long> customersByPhone(String phone) {
		String e164 = PhoneNumbers.e164(phone).orElse(null);
		if (e164 == null) {
			return List.of();
		}
		return this.jdbc.sql("select id from domain.customer where phone_e164 = :phone order by id")
			.param("phone", e164)
			.query(Long.class)
			.list();
	}

}
