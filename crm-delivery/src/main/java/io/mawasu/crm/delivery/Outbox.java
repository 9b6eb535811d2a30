package io.mawasu.crm.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery outbox. A message has one state at a time: QUEUED → SENDING → SENT |
 * FAILED | SUPPRESSED, or back to QUEUED with a later attempt time after a transient
 * error or in quiet hours. A worker claims a batch under a lease ({@link #claim}) while
 * the messages stay QUEUED, and marks SENDING only the small group it is about to hand to
 * the provider ({@link #startSending}); a crashed worker's unattempted messages are free
 * again once its lease expires. Every transition out of SENDING names the message and
 * checks its state, so a message is sent at most once; one left in SENDING by a crash is
 * reported by {@link #stuck(Duration)}, never silently resent.
 */
@Service
public class Outbox {

	/** Entries per INSERT … SELECT FROM unnest(…) statement of {@link #enqueue(List)}. */
	static final int ENQUEUE_CHUNK = 10_000;

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A message to enqueue; {@code stepKey} is the scenario step (or campaign) that sends
	 * it, {@code rules} the frequency cap and quiet hours checked when it is sent.
	 */
	public record Entry(String sourceType, long sourceId, String stepKey, long customerId, Channel channel,
			@Nullable Long contentId, @Nullable String variant, SendRules rules, @Nullable Instant visit) {

		public Entry(String sourceType, long sourceId, String stepKey, long customerId, Channel channel,
				@Nullable Long contentId, @Nullable String variant, SendRules rules) {
			this(sourceType, sourceId, stepKey, customerId, channel, contentId, variant, rules, null);
		}

		public Entry(String sourceType, long sourceId, String stepKey, long customerId, Channel channel,
				@Nullable Long contentId, @Nullable String variant) {
			this(sourceType, sourceId, stepKey, customerId, channel, contentId, variant, SendRules.NONE);
		}

	}

	/**
	 * A claimed message (QUEUED under a lease, or SENDING once its group is handed to the
	 * provider) with what the worker needs to check and send it.
	 */
	public record Claimed(long id, long customerId, Channel channel, @Nullable Long contentId, @Nullable String variant,
			int attempts, String sourceType, long sourceId, String stepKey, SendRules rules) {

		public MessageRef ref() {
			return new MessageRef(this.id, this.sourceType, this.sourceId, this.stepKey, this.customerId, this.channel);
		}

	}

	/**
	 * Enqueues messages, set-based ({@value #ENQUEUE_CHUNK} per statement); one already
	 * enqueued for the same source, step and customer is left as it is. Returns how many
	 * were new.
	 */
	@Transactional
	public int enqueue(List<Entry> entries) {
		int inserted = 0;
		for (int from = 0; from < entries.size(); from += ENQUEUE_CHUNK) {
			inserted += enqueueChunk(entries.subList(from, Math.min(entries.size(), from + ENQUEUE_CHUNK)));
		}
		return inserted;
	}

	private int enqueueChunk(List<Entry> chunk) {
		int n = chunk.size();
		String[] types = new String[n];
		long[] sources = new long[n];
		String[] steps = new String[n];
		long[] customers = new long[n];
		String[] channels = new String[n];
		Long[] contents = new Long[n];
		String[] variants = new String[n];
		Integer[] capMax = new Integer[n];
		Integer[] capDays = new Integer[n];
		boolean[] perChannel = new boolean[n];
		String[] quietFrom = new String[n];
		String[] quietTo = new String[n];
		for (int i = 0; i < n; i++) {
			Entry e = chunk.get(i);
			types[i] = e.sourceType();
			sources[i] = e.sourceId();
			steps[i] = e.stepKey();
			customers[i] = e.customerId();
			channels[i] = e.channel().name();
			contents[i] = e.contentId();
			variants[i] = e.variant();
			SendRules.FrequencyCap cap = e.rules().frequencyCap();
			if (cap != null) {
				capMax[i] = cap.max();
				capDays[i] = cap.days();
				perChannel[i] = cap.perChannel();
			}
			SendRules.QuietHours quiet = e.rules().quietHours();
			if (quiet != null) {
				quietFrom[i] = quiet.from().toString();
				quietTo[i] = quiet.to().toString();
			}
		}
		return this.jdbc.sql("""
				insert into delivery.message (source_type, source_id, step_key, customer_id, channel, content_id,
					variant, cap_max, cap_days, cap_per_channel, quiet_from, quiet_to)
				select * from unnest(cast(:types as text[]), cast(:sources as bigint[]), cast(:steps as text[]),
					cast(:customers as bigint[]), cast(:channels as text[]), cast(:contents as bigint[]),
					cast(:variants as text[]), cast(:capMax as integer[]), cast(:capDays as integer[]),
					cast(:perChannel as boolean[]), cast(:quietFrom as time[]), cast(:quietTo as time[]))
				on conflict on constraint message_once_key do nothing
				""")
			.param("types", types)
			.param("sources", sources)
			.param("steps", steps)
			.param("customers", customers)
			.param("channels", channels)
			.param("contents", contents)
			.param("variants", variants)
			.param("capMax", capMax)
			.param("capDays", capDays)
			.param("perChannel", perChannel)
			.param("quietFrom", quietFrom)
			.param("quietTo", quietTo)
			.update();
	}

	/**
	 * Claims up to {@code limit} due messages for {@code claimer} under a lease until
	 * {@code now + lease}. Claimed messages stay QUEUED: only {@link #startSending} marks
	 * the small group actually handed to the provider as SENDING. A message is due when
	 * its attempt time has come and nobody else holds a live lease on it (its claimer's
	 * lease expired or was never renewed), so the unattempted messages of a claimer that
	 * died are taken over once its lease runs out. Rows another claimer is claiming right
	 * now are skipped, so concurrent claimers never get the same message.
	 */
	@Transactional
	public List<Claimed> claim(int limit, String claimer, Instant now, Duration lease) {
		return this.jdbc.sql("""
				with lease as (
					insert into delivery.claimer (id, lease_until) values (:claimer, :until)
					on conflict (id) do update set lease_until = excluded.lease_until
				),
				due as (
					select m.id from delivery.message m
					where m.state = 'QUEUED' and m.next_attempt_at <= now()
						and (m.claimed_by is null or m.claimed_by = :claimer or not exists (
							select 1 from delivery.claimer c where c.id = m.claimed_by and c.lease_until > :now))
					order by m.next_attempt_at, m.id
					limit :limit
					for update of m skip locked
				)
				update delivery.message m set claimed_by = :claimer, claimed_at = now()
				from due
				where m.id = due.id
				returning m.id, m.customer_id, m.channel, m.content_id, m.variant, m.attempts, m.source_type,
					m.source_id, m.step_key, m.cap_max, m.cap_days, m.cap_per_channel, m.quiet_from, m.quiet_to
				""")
			.param("claimer", claimer)
			.param("limit", limit)
			.param("now", Timestamp.from(now))
			.param("until", Timestamp.from(now.plus(lease)))
			.query(Outbox::claimed)
			.list();
	}

	/**
	 * Extends {@code claimer}'s lease to {@code now + lease} (creating it if a reaper
	 * removed it meanwhile; its released messages are not claimed again by this).
	 */
	@Transactional
	public void renew(String claimer, Instant now, Duration lease) {
		this.jdbc.sql("""
				insert into delivery.claimer (id, lease_until) values (:claimer, :until)
				on conflict (id) do update set lease_until = excluded.lease_until
				""").param("claimer", claimer).param("until", Timestamp.from(now.plus(lease))).update();
	}

	/**
	 * Marks the messages of {@code ids} that {@code claimer} still holds (QUEUED, claimed
	 * by it) as SENDING, counting the attempt, and returns them: the group about to be
	 * handed to the provider. A message another claimer took over after this claimer's
	 * lease expired is not among them, so it is never sent twice.
	 */
	@Transactional
	public List<Claimed> startSending(List<Long> ids, String claimer) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				update delivery.message m set state = 'SENDING', claimed_at = now(), attempts = m.attempts + 1
				where m.id = any(:ids) and m.state = 'QUEUED' and m.claimed_by = :claimer
				returning m.id, m.customer_id, m.channel, m.content_id, m.variant, m.attempts, m.source_type,
					m.source_id, m.step_key, m.cap_max, m.cap_days, m.cap_per_channel, m.quiet_from, m.quiet_to
				""").param("ids", longs(ids)).param("claimer", claimer).query(Outbox::claimed).list();
	}

	/**
	 * Returns the messages of {@code ids} that {@code claimer} holds but did not attempt
	 * to the queue for anyone; returns how many.
	 */
	@Transactional
	public int release(String claimer, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("""
				update delivery.message set claimed_by = null, claimed_at = null
				where id = any(:ids) and state = 'QUEUED' and claimed_by = :claimer
				""").param("ids", longs(List.copyOf(ids))).param("claimer", claimer).update();
	}

	/**
	 * Ends the leases that expired before {@code now} and returns their claimers'
	 * unattempted (still QUEUED) messages to the queue; returns how many messages. Their
	 * SENDING messages stay where they are: they may have reached the provider, and
	 * {@link #stuck(Duration)} reports them.
	 */
	@Transactional
	public int releaseExpired(Instant now) {
		return this.jdbc.sql("""
				with expired as (
					delete from delivery.claimer where lease_until <= :now returning id
				)
				update delivery.message set claimed_by = null, claimed_at = null
				where state = 'QUEUED' and claimed_by in (select id from expired)
				""").param("now", Timestamp.from(now)).update();
	}

	private static Claimed claimed(ResultSet rs, int row) throws SQLException {
		int capMax = rs.getInt("cap_max");
		SendRules.FrequencyCap cap = rs.wasNull() ? null
				: new SendRules.FrequencyCap(capMax, rs.getInt("cap_days"), rs.getBoolean("cap_per_channel"));
		String quietFrom = rs.getString("quiet_from");
		String quietTo = rs.getString("quiet_to");
		SendRules.QuietHours quiet = (quietFrom != null && quietTo != null)
				? new SendRules.QuietHours(LocalTime.parse(quietFrom), LocalTime.parse(quietTo)) : null;
		return new Claimed(rs.getLong("id"), rs.getLong("customer_id"), Channel.valueOf(rs.getString("channel")),
				(Long) rs.getObject("content_id"), rs.getString("variant"), rs.getInt("attempts"),
				rs.getString("source_type"), rs.getLong("source_id"), rs.getString("step_key"),
				new SendRules(cap, quiet));
	}

	/** Whether the SENDING message became SENT. */
	@Transactional
	public boolean sent(long id) {
		return finish(id, "SENT", null, null);
	}

	/** Whether the SENDING message was recorded as skipped at send time. */
	@Transactional
	public boolean suppressed(long id, SkipReason reason) {
		return finish(id, "SUPPRESSED", reason.name(), null);
	}

	/** Whether the SENDING message was recorded as failed for good. */
	@Transactional
	public boolean failed(long id, String error) {
		return finish(id, "FAILED", null, error);
	}

	/**
	 * Puts a SENDING message back in the queue after a transient error, due at
	 * {@code retryAt}.
	 */
	@Transactional
	public boolean retryLater(long id, String error, Instant retryAt) {
		return this.jdbc.sql("""
				update delivery.message set state = 'QUEUED', error = :error, next_attempt_at = :at,
					claimed_by = null, claimed_at = null
				where id = :id and state = 'SENDING'
				""").param("id", id).param("error", error).param("at", Timestamp.from(retryAt)).update() == 1;
	}

	/**
	 * Puts a SENDING message back in the queue until {@code until} (the end of its quiet
	 * hours) without counting the attempt.
	 */
	@Transactional
	public boolean deferUntil(long id, Instant until) {
		return !deferAll(List.of(id), until).isEmpty();
	}

	/**
	 * Messages left in SENDING for longer than {@code olderThan}: a crash between send
	 * and record.
	 */
	@Transactional(readOnly = true)
	public List<Long> stuck(Duration olderThan) {
		return this.jdbc.sql("""
				select id from delivery.message
				where state = 'SENDING' and claimed_at < now() - cast(:age as interval) order by id
				""").param("age", olderThan.toSeconds() + " seconds").query(Long.class).list();
	}

	private boolean finish(long id, String state, @Nullable String reason, @Nullable String error) {
		return this.jdbc.sql("""
				update delivery.message set state = :state, skip_reason = :reason, error = :error,
					sent_at = case when :state = 'SENT' then now() end, finished_at = now()
				where id = :id and state = 'SENDING'
				""").param("id", id).param("state", state).param("reason", reason).param("error", error).update() == 1;
	}

	// Set-based transitions of a batch for the worker: one statement per kind of outcome,
	// each returning the ids that really left SENDING.

	/** {@link #deferUntil(long, Instant)} for many messages. */
	List<Long> deferAll(List<Long> ids, Instant until) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("""
					update delivery.message set state = 'QUEUED', next_attempt_at = :at, attempts = greatest(attempts - 1, 0),
						claimed_by = null, claimed_at = null
					where id = any(:ids) and state = 'SENDING'
					returning id
					""")
			.param("ids", longs(ids))
			.param("at", Timestamp.from(until))
			.query(Long.class)
			.list();
	}

	/** Marks messages SUPPRESSED with their reasons. */
	List<Long> suppressedAll(Map<Long, SkipReason> reasons) {
		if (reasons.isEmpty()) {
			return List.of();
		}
		List<Long> ids = new ArrayList<>(reasons.keySet());
		String[] codes = ids.stream().map((id) -> reasons.get(id).name()).toArray(String[]::new);
		return this.jdbc.sql("""
				update delivery.message m set state = 'SUPPRESSED', skip_reason = u.reason, finished_at = now()
				from unnest(cast(:ids as bigint[]), cast(:reasons as text[])) as u (id, reason)
				where m.id = u.id and m.state = 'SENDING'
				returning m.id
				""").param("ids", longs(ids)).param("reasons", codes).query(Long.class).list();
	}

	/** Marks messages SENT to their addresses. */
	List<Long> sentAll(List<Long> ids, List<String> addresses, List<@Nullable String> providerIds) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				update delivery.message m set state = 'SENT', sent_at = now(), finished_at = now(), error = null,
					address = u.address, provider_id = u.provider
				from unnest(cast(:ids as bigint[]), cast(:addresses as text[]), cast(:providers as text[]))
					as u (id, address, provider)
				where m.id = u.id and m.state = 'SENDING'
				returning m.id
				""")
			.param("ids", longs(ids))
			.param("addresses", addresses.toArray(String[]::new))
			.param("providers", providerIds.toArray(String[]::new))
			.query(Long.class)
			.list();
	}

	/**
	 * Marks messages FAILED for good; {@code undeliverable} tells which addresses were
	 * bad.
	 */
	List<Long> failedAll(List<Long> ids, List<String> errors, List<@Nullable String> addresses,
			List<Boolean> undeliverable) {
		if (ids.isEmpty()) {
			return List.of();
		}
		boolean[] bad = new boolean[undeliverable.size()];
		for (int i = 0; i < bad.length; i++) {
			bad[i] = undeliverable.get(i);
		}
		return this.jdbc.sql("""
				update delivery.message m set state = 'FAILED', finished_at = now(), error = u.error,
					address = coalesce(u.address, m.address), undeliverable = u.bad
				from unnest(cast(:ids as bigint[]), cast(:errors as text[]), cast(:addresses as text[]),
					cast(:bad as boolean[])) as u (id, error, address, bad)
				where m.id = u.id and m.state = 'SENDING'
				returning m.id
				""")
			.param("ids", longs(ids))
			.param("errors", errors.toArray(String[]::new))
			.param("addresses", addresses.toArray(String[]::new))
			.param("bad", bad)
			.query(Long.class)
			.list();
	}

	/** Puts messages back in the queue after transient errors, each due at its time. */
	List<Long> retryAllLater(List<Long> ids, List<String> errors, List<Instant> retryAt) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				update delivery.message m set state = 'QUEUED', error = u.error, next_attempt_at = u.at,
					claimed_by = null, claimed_at = null
				from unnest(cast(:ids as bigint[]), cast(:errors as text[]), cast(:at as timestamptz[]))
					as u (id, error, at)
				where m.id = u.id and m.state = 'SENDING'
				returning m.id
				""")
			.param("ids", longs(ids))
			.param("errors", errors.toArray(String[]::new))
			.param("at", retryAt.stream().map(Instant::toString).toArray(String[]::new))
			.query(Long.class)
			.list();
	}

	static long[] longs(List<Long> ids) {
		return ids.stream().mapToLong(Long::longValue).toArray();
	}

}
