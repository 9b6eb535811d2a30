package io.mawasu.crm.analytics.pdca;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mawasu.crm.analytics.CycleView.Action;
import io.mawasu.crm.analytics.CycleView.DecisionView;
import io.mawasu.crm.analytics.Decision;
import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the PDCA cycles: {@code analytics.cycle} and its reviews, decisions, actions.
 */
@Repository
public class CycleQueries {

	private static final String SELECT = """
			select c.*, (select n.id from analytics.cycle n where n.previous_cycle_id = c.id order by n.id limit 1)
				as next_cycle_id
			from analytics.cycle c
			""";

	private final JdbcClient jdbc;

	CycleQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a new cycle and returns its id. */
	public long insert(CycleRow row) {
		return this.jdbc
			.sql("""
					insert into analytics.cycle (title, owner, decision_maker, period_from, period_to, kgi_name, kgi_target,
						hypothesis, segment_id, scenario_ids, kpi_ids, expected_conversion_rate, expected_average_order_value,
						expected_reachable, expected_conversions, expected_revenue, required_sample_size, previous_cycle_id,
						created_by, created_at)
					values (:title, :owner, :decisionMaker, :from, :to, :kgiName, :kgiTarget, :hypothesis, :segmentId,
						:scenarioIds, :kpiIds, :conversionRate, :averageOrderValue, :reachable, :conversions, :revenue,
						:requiredSampleSize, :previousCycleId, :createdBy, :createdAt)
					returning id
					""")
			.param("title", row.title())
			.param("owner", row.owner())
			.param("decisionMaker", row.decisionMaker())
			.param("from", Date.valueOf(row.from()))
			.param("to", Date.valueOf(row.to()))
			.param("kgiName", row.kgiName())
			.param("kgiTarget", row.kgiTarget())
			.param("hypothesis", row.hypothesis())
			.param("segmentId", row.segmentId())
			.param("scenarioIds", row.scenarioIds().stream().mapToLong(Long::longValue).toArray())
			.param("kpiIds", row.kpiIds().stream().mapToLong(Long::longValue).toArray())
			.param("conversionRate", row.conversionRate())
			.param("averageOrderValue", row.averageOrderValue())
			.param("reachable", row.reachable())
			.param("conversions", row.conversions())
			.param("revenue", row.revenue())
			.param("requiredSampleSize", row.requiredSampleSize())
			.param("previousCycleId", row.previousCycleId())
			.param("createdBy", row.createdBy())
			.param("createdAt", Timestamp.from(row.createdAt()))
			.query(Long.class)
			.single();
	}

	public Optional<CycleRow> find(long id) {
		return this.jdbc.sql(SELECT + " where c.id = :id").param("id", id).query(CycleQueries::row).optional();
	}

	/** Locks the cycle's row for a state change. */
	public Optional<CycleRow> lock(long id) {
		return this.jdbc.sql(SELECT + " where c.id = :id for update of c")
			.param("id", id)
			.query(CycleQueries::row)
			.optional();
	}

	/** Every cycle, newest first. */
	public List<CycleRow> findAll() {
		return this.jdbc.sql(SELECT + " order by c.id desc").query(CycleQueries::row).list();
	}

	public void approve(long id, @Nullable String by, Instant at) {
		this.jdbc.sql("update analytics.cycle set approved_by = :by, approved_at = :at where id = :id")
			.param("id", id)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update();
	}

	public void markDone(long id, Instant at) {
		this.jdbc.sql("update analytics.cycle set done_at = :at where id = :id")
			.param("id", id)
			.param("at", Timestamp.from(at))
			.update();
	}

	public void insertReview(long cycleId, @Nullable String username, Instant at) {
		this.jdbc.sql("insert into analytics.cycle_review (cycle_id, username, at) values (:cycle, :username, :at)")
			.param("cycle", cycleId)
			.param("username", username)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** The times of every review of the cycles, oldest first, per cycle. */
	public List<Review> reviews(Collection<Long> cycleIds) {
		return this.jdbc
			.sql("""
					select cycle_id, username, at from analytics.cycle_review where cycle_id = any(:ids) order by cycle_id, at
					""")
			.param("ids", ids(cycleIds))
			.query((rs, n) -> new Review(rs.getLong("cycle_id"), rs.getString("username"),
					rs.getTimestamp("at").toInstant()))
			.list();
	}

	/** A look at a cycle's results. */
	public record Review(long cycleId, @Nullable String username, Instant at) {
	}

	/** Records (or replaces) the decision on one scenario of a cycle. */
	public void upsertDecision(long cycleId, long scenarioId, Decision decision, String reason, @Nullable String by,
			Instant at) {
		this.jdbc
			.sql("""
					insert into analytics.cycle_decision (cycle_id, scenario_id, decision, reason, decided_by, decided_at)
					values (:cycle, :scenario, :decision, :reason, :by, :at)
					on conflict (cycle_id, scenario_id) do update set decision = excluded.decision, reason = excluded.reason,
						decided_by = excluded.decided_by, decided_at = excluded.decided_at
					""")
			.param("cycle", cycleId)
			.param("scenario", scenarioId)
			.param("decision", decision.name())
			.param("reason", reason)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** The decisions of the cycles, keyed by cycle in {@link CycleDecision}. */
	public List<CycleDecision> decisions(Collection<Long> cycleIds) {
		return this.jdbc.sql("""
				select cycle_id, scenario_id, decision, reason, decided_by, decided_at from analytics.cycle_decision
				where cycle_id = any(:ids) order by cycle_id, decided_at, scenario_id
				""")
			.param("ids", ids(cycleIds))
			.query((rs, n) -> new CycleDecision(rs.getLong("cycle_id"),
					new DecisionView(rs.getLong("scenario_id"), Decision.valueOf(rs.getString("decision")),
							rs.getString("reason"), rs.getString("decided_by"),
							rs.getTimestamp("decided_at").toInstant())))
			.list();
	}

	/** A decision with the cycle it belongs to. */
	public record CycleDecision(long cycleId, DecisionView decision) {
	}

	public void insertActions(long cycleId, List<Action> actions) {
		int position = 0;
		for (Action action : actions) {
			this.jdbc.sql("""
					insert into analytics.cycle_action (cycle_id, position, text, card_id, votes, owner, due_date)
					values (:cycle, :position, :text, :card, :votes, :owner, :due)
					""")
				.param("cycle", cycleId)
				.param("position", position++)
				.param("text", action.text())
				.param("card", action.cardId())
				.param("votes", action.votes())
				.param("owner", action.owner())
				.param("due", (action.dueDate() != null) ? Date.valueOf(action.dueDate()) : null)
				.update();
		}
	}

	public List<Action> actions(long cycleId) {
		return this.jdbc.sql("""
				select text, card_id, votes, owner, due_date from analytics.cycle_action where cycle_id = :cycle
				order by position
				""")
			.param("cycle", cycleId)
			.query((rs, n) -> new Action(rs.getString("text"), (Long) rs.getObject("card_id", Long.class),
					rs.getInt("votes"), rs.getString("owner"),
					(rs.getDate("due_date") != null) ? rs.getDate("due_date").toLocalDate() : null))
			.list();
	}

	/**
	 * Reach of 4R over the channels: of the given customers (a segment's latest
	 * snapshot), those who can be messaged on at least one of the channels — not
	 * blacklisted, a non-blank address for the channel, opted in on it now and the
	 * address not suppressed (the same test as the segment page's reach per channel, over
	 * crm-domain's views).
	 */
	public long reachable(long[] customerIds, Set<Channel> channels) {
		if (customerIds.length == 0 || channels.isEmpty()) {
			return 0;
		}
		return this.jdbc
			.sql("""
					select count(*) from domain.v_customer m
					left join domain.v_consent_current ke on ke.customer_id = m.id and ke.channel = 'EMAIL' and ke.status = 'OPT_IN'
					left join domain.v_consent_current kl on kl.customer_id = m.id and kl.channel = 'LINE' and kl.status = 'OPT_IN'
					left join domain.v_consent_current ks on ks.customer_id = m.id and ks.channel = 'SMS' and ks.status = 'OPT_IN'
					left join (select distinct lower(btrim(address)) as a from domain.v_suppression where channel = 'EMAIL') se
						on se.a = lower(btrim(m.email))
					left join (select distinct btrim(address) as a from domain.v_suppression where channel = 'LINE') sl
						on sl.a = btrim(m.line_user_id)
					left join (select distinct address as a from domain.v_suppression
						where channel = 'SMS') ss on ss.a = m.phone_e164
					where m.id = any(:ids) and not m.blacklisted and (
						(:email and btrim(coalesce(m.email, '')) <> '' and ke.customer_id is not null and se.a is null)
						or (:line and btrim(coalesce(m.line_user_id, '')) <> '' and kl.customer_id is not null and sl.a is null)
						or (:sms and m.phone_e164 is not null and ks.customer_id is not null and ss.a is null))
					""")
			.param("ids", customerIds)
			.param("email", channels.contains(Channel.EMAIL))
			.param("line", channels.contains(Channel.LINE))
			.param("sms", channels.contains(Channel.SMS))
			.query(Long.class)
			.single();
	}

	/**
	 * The segment's current rate: of the given customers, the share with an order at or
	 * after {@code since} (0 for no customers).
	 */
	public double orderingShare(long[] customerIds, Instant since) {
		if (customerIds.length == 0) {
			return 0;
		}
		long ordering = this.jdbc.sql("""
				select count(distinct o.customer_id) from domain.v_order o
				where o.customer_id = any(:ids) and o.ordered_at >= :since
				""").param("ids", customerIds).param("since", Timestamp.from(since)).query(Long.class).single();
		return (double) ordering / customerIds.length;
	}

	/**
	 * When the first message of the scenarios went out (a SENT message's {@code sent_at},
	 * through delivery's {@code v_message}); null before any.
	 */
	public @Nullable Instant firstSent(Collection<Long> scenarioIds) {
		if (scenarioIds.isEmpty()) {
			return null;
		}
		@Nullable Timestamp first = this.jdbc.sql("""
				select min(sent_at) from delivery.v_message
				where source_type = 'SCENARIO' and source_id = any(:ids) and state = 'SENT'
				""").param("ids", ids(scenarioIds)).query((rs, n) -> rs.getTimestamp(1)).list().get(0);
		return (first != null) ? first.toInstant() : null;
	}

	private static long[] ids(Collection<Long> ids) {
		return ids.stream().mapToLong(Long::longValue).toArray();
	}

	private static CycleRow row(ResultSet rs, int n) throws SQLException {
		return new CycleRow(rs.getLong("id"), rs.getString("title"), rs.getString("owner"),
				rs.getString("decision_maker"), rs.getDate("period_from").toLocalDate(),
				rs.getDate("period_to").toLocalDate(), rs.getString("kgi_name"), rs.getBigDecimal("kgi_target"),
				rs.getString("hypothesis"), rs.getLong("segment_id"), longs(rs.getArray("scenario_ids")),
				longs(rs.getArray("kpi_ids")), rs.getDouble("expected_conversion_rate"),
				rs.getBigDecimal("expected_average_order_value"), rs.getLong("expected_reachable"),
				rs.getDouble("expected_conversions"), rs.getBigDecimal("expected_revenue"),
				rs.getObject("required_sample_size", Long.class), rs.getObject("previous_cycle_id", Long.class),
				rs.getObject("next_cycle_id", Long.class), rs.getString("created_by"), instant(rs, "created_at"),
				rs.getString("approved_by"), instant(rs, "approved_at"), instant(rs, "done_at"));
	}

	private static List<Long> longs(Array array) throws SQLException {
		Object[] values = (Object[]) array.getArray();
		List<Long> longs = new ArrayList<>(values.length);
		Arrays.stream(values).forEach((value) -> longs.add(((Number) value).longValue()));
		return longs;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return (at != null) ? at.toInstant() : null;
	}

	static @Nullable LocalDate date(ResultSet rs, String column) throws SQLException {
		Date date = rs.getDate(column);
		return (date != null) ? date.toLocalDate() : null;
	}

}
