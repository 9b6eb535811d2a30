package io.mawasu.crm.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happened to messages, read set-based for the scenario engine (opens, clicks,
 * unanswered sends) and for pages (a customer's timeline, the Deliveries page). A click
 * counts as an open: mail clients often block the open pixel.
 */
@Service
@Transactional(readOnly = true)
public class DeliveryHistory {

	static final int RECENT_FAILURES = 20;

	private final JdbcClient jdbc;

	private final DeliveryProperties properties;

	private final Clock clock;

	DeliveryHistory(JdbcClient jdbc, DeliveryProperties properties, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Of {@code customerIds}, those who opened (or clicked) the message of that source
	 * and step.
	 */
	public Set<Long> opened(String sourceType, long sourceId, String stepKey, Collection<Long> customerIds) {
		return openedSince(sourceType, sourceId, stepKey, always(customerIds));
	}

	/** Of {@code customerIds}, those who clicked a link of the message of that step. */
	public Set<Long> clicked(String sourceType, long sourceId, String stepKey, Collection<Long> customerIds) {
		return clickedSince(sourceType, sourceId, stepKey, always(customerIds));
	}

	/**
	 * Per customer, the number of SENT messages of the source since the customer's latest
	 * open or click of any of them (customers with none are absent).
	 */
	public Map<Long, Integer> unansweredSends(String sourceType, long sourceId, Collection<Long> customerIds) {
		return unansweredSendsSince(sourceType, sourceId, always(customerIds));
	}

	/** Every message counts: each customer's time is the epoch. */
	private static Map<Long, Instant> always(Collection<Long> customerIds) {
		Map<Long, Instant> since = new HashMap<>();
		customerIds.forEach((id) -> since.put(id, Instant.EPOCH));
		return since;
	}

	/**
	 * Of the customers of {@code since}, those who opened (or clicked) the message of
	 * that source and step created at or after their own time (a re-entered customer's
	 * earlier cycle does not count).
	 */
	public Set<Long> openedSince(String sourceType, long sourceId, String stepKey, Map<Long, Instant> since) {
		return engagedSince(sourceType, sourceId, stepKey, since, new String[] { "OPENED", "CLICKED" });
	}

	/** As {@link #openedSince}, for clicks. */
	public Set<Long> clickedSince(String sourceType, long sourceId, String stepKey, Map<Long, Instant> since) {
		return engagedSince(sourceType, sourceId, stepKey, since, new String[] { "CLICKED" });
	}

	private Set<Long> engagedSince(String sourceType, long sourceId, String stepKey, Map<Long, Instant> since,
			String[] kinds) {
		if (since.isEmpty()) {
			return Set.of();
		}
		Since arrays = Since.of(since);
		return Set.copyOf(this.jdbc.sql("""
				select distinct m.customer_id
				from unnest(cast(:ids as bigint[]), cast(:since as timestamptz[])) as c (customer_id, since)
				join delivery.message m on m.source_type = :type and m.source_id = :source and m.step_key = :step
					and m.customer_id = c.customer_id and m.created_at >= c.since
				where exists (select 1 from delivery.event e
					where e.message_id = m.id and e.first and e.kind = any(:kinds))
				""")
			.param("type", sourceType)
			.param("source", sourceId)
			.param("step", stepKey)
			.param("ids", arrays.ids())
			.param("since", arrays.times())
			.param("kinds", kinds)
			.query(Long.class)
			.list());
	}

	/**
	 * As {@link #unansweredSends}, counting only messages created at or after each time:
	 * per customer, the SENT messages of the source created since the customer's time and
	 * after the latest open or click of one of those.
	 */
	public Map<Long, Integer> unansweredSendsSince(String sourceType, long sourceId, Map<Long, Instant> since) {
		if (since.isEmpty()) {
			return Map.of();
		}
		Since arrays = Since.of(since);
		Map<Long, Integer> unanswered = new HashMap<>();
		this.jdbc.sql("""
				with sent as (
					select m.id, m.customer_id, m.sent_at
					from unnest(cast(:ids as bigint[]), cast(:since as timestamptz[])) as c (customer_id, since)
					join delivery.message m on m.source_type = :type and m.source_id = :source
						and m.customer_id = c.customer_id and m.created_at >= c.since
					where m.state = 'SENT'
				), answered as (
					select s.customer_id, max(e.at) as at
					from sent s join delivery.event e on e.message_id = s.id and e.kind in ('OPENED', 'CLICKED')
					group by s.customer_id
				)
				select s.customer_id, count(*) as n
				from sent s left join answered a on a.customer_id = s.customer_id
				where a.at is null or s.sent_at > a.at
				group by s.customer_id
				""")
			.param("type", sourceType)
			.param("source", sourceId)
			.param("ids", arrays.ids())
			.param("since", arrays.times())
			.query((rs, n) -> unanswered.put(rs.getLong(1), rs.getInt(2)))
			.list();
		return unanswered;
	}

	/** Customers and their times as two arrays, each bound as one parameter. */
	private record Since(long[] ids, String[] times) {

		static Since of(Map<Long, Instant> since) {
			long[] ids = new long[since.size()];
			String[] times = new String[since.size()];
			int i = 0;
			for (Map.Entry<Long, Instant> entry : since.entrySet()) {
				ids[i] = entry.getKey();
				times[i] = entry.getValue().toString();
				i++;
			}
			return new Since(ids, times);
		}

	}

	/** A customer's messages and skips, newest first. */
	public List<TimelineEntry> timeline(long customerId, int limit) {
		return this.jdbc.sql("""
				select m.id, m.created_at, m.source_type, m.source_id, m.step_key, m.channel, m.content_id, m.variant,
					m.state, m.skip_reason, m.error, m.sent_at,
					(select min(e.at) from delivery.event e where e.message_id = m.id and e.first
						and e.kind = 'OPENED') as opened_at,
					(select min(e.at) from delivery.event e where e.message_id = m.id and e.first
						and e.kind = 'CLICKED') as clicked_at
				from delivery.message m
				where m.customer_id = :customer
				order by m.created_at desc, m.id desc
				limit :limit
				""")
			.param("customer", customerId)
			.param("limit", Math.max(1, limit))
			.query(DeliveryHistory::timelineEntry)
			.list();
	}

	/**
	 * The Deliveries page figures: queue depth, SENT / FAILED / SUPPRESSED per channel
	 * per hour over the last {@code window}, the newest failures and the stuck count.
	 */
	public DeliveryStats stats(Duration window) {
		Map<String, Long> queue = new LinkedHashMap<>();
		this.jdbc.sql("""
				select count(*) filter (where state = 'QUEUED') as queued,
					count(*) filter (where state = 'QUEUED' and next_attempt_at <= now()) as due,
					count(*) filter (where state = 'SENDING') as sending
				from delivery.message where state in ('QUEUED', 'SENDING')
				""").query((rs, n) -> {
			queue.put("QUEUED", rs.getLong("queued"));
			queue.put("DUE", rs.getLong("due"));
			queue.put("SENDING", rs.getLong("sending"));
			return n;
		}).single();
		List<DeliveryStats.Hourly> hourly = this.jdbc.sql("""
				select date_trunc('hour', finished_at) as hour, channel,
					count(*) filter (where state = 'SENT') as sent,
					count(*) filter (where state = 'FAILED') as failed,
					count(*) filter (where state = 'SUPPRESSED') as suppressed
				from delivery.message
				where finished_at > :since
				group by 1, 2
				order by 1, 2
				""")
			.param("since", Timestamp.from(this.clock.instant().minus(window)))
			.query((rs, n) -> new DeliveryStats.Hourly(rs.getTimestamp("hour").toInstant(),
					Channel.valueOf(rs.getString("channel")), rs.getLong("sent"), rs.getLong("failed"),
					rs.getLong("suppressed")))
			.list();
		List<DeliveryStats.Failure> failures = this.jdbc.sql("""
				select id, finished_at, channel, customer_id, source_type, source_id, step_key, error
				from delivery.message
				where finished_at is not null and state = 'FAILED'
				order by finished_at desc, id desc
				limit :limit
				""")
			.param("limit", RECENT_FAILURES)
			.query((rs, n) -> new DeliveryStats.Failure(rs.getLong("id"), rs.getTimestamp("finished_at").toInstant(),
					Channel.valueOf(rs.getString("channel")), rs.getLong("customer_id"), rs.getString("source_type"),
					rs.getLong("source_id"), rs.getString("step_key"),
					(rs.getString("error") != null) ? rs.getString("error") : ""))
			.list();
		long stuck = this.jdbc.sql("""
				select count(*) from delivery.message
				where state = 'SENDING' and claimed_at < now() - cast(:age as interval)
				""")
			.param("age", this.properties.worker().stuckAfter().toSeconds() + " seconds")
			.query(Long.class)
			.single();
		return new DeliveryStats(queue, hourly, failures, stuck);
	}

	private static TimelineEntry timelineEntry(ResultSet rs, int row) throws SQLException {
		String reason = rs.getString("skip_reason");
		return new TimelineEntry(rs.getLong("id"), rs.getTimestamp("created_at").toInstant(),
				rs.getString("source_type"), rs.getLong("source_id"), rs.getString("step_key"),
				Channel.valueOf(rs.getString("channel")), (Long) rs.getObject("content_id"), rs.getString("variant"),
				rs.getString("state"), (reason != null) ? SkipReason.valueOf(reason) : null, rs.getString("error"),
				instant(rs.getTimestamp("sent_at")), instant(rs.getTimestamp("opened_at")),
				instant(rs.getTimestamp("clicked_at")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
