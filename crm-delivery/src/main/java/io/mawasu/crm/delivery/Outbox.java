package io.mawasu.crm.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery outbox. A message has one state at a time: QUEUED → SENDING → SENT |
 * FAILED | SUPPRESSED, or back to QUEUED with a later attempt time after a transient
 * error. Every transition out of SENDING names the message and checks its state, so a
 * message is sent at most once; one left in SENDING by a crash is reported by
 * {@link #stuck(Duration)}, never silently resent.
 */
@Service
public class Outbox {

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A message to enqueue; {@code stepKey} is the scenario step (or campaign) that sends
	 * it, {@code rules} the frequency cap and quiet hours checked when it is sent.
	 */
	public record Entry(String sourceType, long sourceId, String stepKey, long customerId, Channel channel,
			@Nullable Long contentId, @Nullable String variant, SendRules rules) {

		public Entry(String sourceType, long sourceId, String stepKey, long customerId, Channel channel,
				@Nullable Long contentId, @Nullable String variant) {
			this(sourceType, sourceId, stepKey, customerId, channel, contentId, variant, SendRules.NONE);
		}

	}

	/** A claimed message, now SENDING. */
	public record Claimed(long id, long customerId, Channel channel, @Nullable Long contentId, @Nullable String variant,
			int attempts) {

	}

	/**
	 * Enqueues messages; one already enqueued for the same source, step and customer is
	 * left as it is. Returns how many were new.
	 */
	@Transactional
	public int enqueue(List<Entry> entries) {
		int inserted = 0;
		for (Entry e : entries) {
			inserted += this.jdbc
				.sql("""
						insert into delivery.message (source_type, source_id, step_key, customer_id, channel, content_id, variant)
						values (:type, :source, :step, :customer, :channel, :content, :variant)
						on conflict on constraint message_once_key do nothing
						""")
				.param("type", e.sourceType())
				.param("source", e.sourceId())
				.param("step", e.stepKey())
				.param("customer", e.customerId())
				.param("channel", e.channel().name())
				.param("content", e.contentId())
				.param("variant", e.variant())
				.update();
		}
		return inserted;
	}

	/**
	 * Claims up to {@code limit} due messages for {@code worker}. Rows another instance
	 * holds are skipped, so concurrent claimers never get the same message.
	 */
	@Transactional
	public List<Claimed> claim(int limit, String worker) {
		return this.jdbc.sql("""
				update delivery.message m
				set state = 'SENDING', claimed_by = :worker, claimed_at = now(), attempts = m.attempts + 1
				from (select id from delivery.message
					where state = 'QUEUED' and next_attempt_at <= now()
					order by next_attempt_at, id
					limit :limit
					for update skip locked) due
				where m.id = due.id
				returning m.id, m.customer_id, m.channel, m.content_id, m.variant, m.attempts
				""")
			.param("worker", worker)
			.param("limit", limit)
			.query((rs, n) -> new Claimed(rs.getLong("id"), rs.getLong("customer_id"),
					Channel.valueOf(rs.getString("channel")), (Long) rs.getObject("content_id"),
					rs.getString("variant"), rs.getInt("attempts")))
			.list();
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
					sent_at = case when :state = 'SENT' then now() end
				where id = :id and state = 'SENDING'
				""").param("id", id).param("state", state).param("reason", reason).param("error", error).update() == 1;
	}

}
