package io.mawasu.crm.analytics.metrics;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.mawasu.crm.analytics.MetricsRollups.RefreshResult;
import io.mawasu.crm.domain.customer.ShopProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the metrics rollups. Each (scenario, day) engagement bucket and each
 * enrolment outcome is always recomputed whole from the raw views
 * ({@code delivery.v_message}, {@code delivery.v_message_event},
 * {@code scenario.v_enrollment}, {@code scenario.v_enrollment_event},
 * {@code domain.v_order}), so refreshing a bucket twice or late changes nothing, and an
 * incremental refresh equals a rebuild. A refresh recomputes the buckets and enrolments
 * touched since the previous refresh minus the settle time (rows of transactions that
 * committed late are re-read), and the enrolments of customers whose orders have ids
 * above the settled order mark.
 */
@Repository
public class RollupQueries {

	/** Definitions, once: see the Javadoc of the metrics records. */
	private static final String BUCKET_ROWS = """
			insert into analytics.engagement_daily (scenario_id, day, step_key, variant, channel, delivered, failed,
				suppressed, unique_opens, opens, unique_clicks, clicks, unsubscribes)
			select k.scenario_id, k.day, m.step_key, coalesce(m.variant, 'A'), m.channel,
				count(*) filter (where m.state = 'SENT'),
				count(*) filter (where m.state = 'FAILED'),
				count(*) filter (where m.state = 'SUPPRESSED'),
				count(*) filter (where m.state = 'SENT' and ev.opens > 0),
				coalesce(sum(ev.opens) filter (where m.state = 'SENT'), 0),
				count(*) filter (where m.state = 'SENT' and ev.clicks > 0),
				coalesce(sum(ev.clicks) filter (where m.state = 'SENT'), 0),
				count(*) filter (where ev.unsubscribes > 0)
			from unnest(cast(:scenarios as bigint[]), cast(:days as date[])) as k(scenario_id, day)
			join delivery.v_message m on m.source_type = 'SCENARIO' and m.source_id = k.scenario_id
				and m.finished_at >= (k.day::timestamp at time zone :zone)
				and m.finished_at < ((k.day + 1)::timestamp at time zone :zone)
			cross join lateral (
				select count(*) filter (where e.kind = 'OPENED') as opens, count(*) filter (where e.kind = 'CLICKED') as clicks,
					count(*) filter (where e.kind = 'UNSUBSCRIBED') as unsubscribes
				from delivery.v_message_event e where e.message_id = m.id) ev
			group by k.scenario_id, k.day, m.step_key, coalesce(m.variant, 'A'), m.channel
			""";

	/**
	 * One outcome per enrolment of {@code dirty}: its messages are the scenario's
	 * messages to the customer sent from its enrolment until the customer's next cycle; a
	 * conversion is a purchase (amount > 0) with enrolled_at ≤ ordered_at ≤ enrolled_at +
	 * the goal's withinDays (7 without a goal), revenue every amount in that window.
	 */
	private static final String OUTCOME_ROWS = """
			insert into analytics.enrollment_outcome (enrollment_id, scenario_id, customer_id, grp, enrolled_at, within_days,
				variant, channel, steps, converted, first_purchase_at, revenue)
			select e.id, e.scenario_id, e.customer_id, e.grp, e.enrolled_at, w.days, last_sent.variant,
				coalesce(last_sent.channel, held.channel, first_send.channel), coalesce(sent.steps, '{}'),
				coalesce(o.converted, false), o.first_purchase_at, coalesce(o.revenue, 0)
			from scenario.v_enrollment e
			join scenario.v_scenario s on s.id = e.scenario_id
			cross join lateral (select coalesce((s.definition -> 'goal' ->> 'withinDays')::integer, 7) as days) w
			cross join lateral (
				select min(n.enrolled_at) as next_at from scenario.v_enrollment n
				where n.scenario_id = e.scenario_id and n.customer_id = e.customer_id and n.cycle > e.cycle) nx
			left join lateral (
				select coalesce(m.variant, 'A') as variant, m.channel from delivery.v_message m
				where m.source_type = 'SCENARIO' and m.source_id = e.scenario_id and m.customer_id = e.customer_id
					and m.state = 'SENT' and m.sent_at >= e.enrolled_at and (nx.next_at is null or m.sent_at < nx.next_at)
				order by m.sent_at desc, m.id desc limit 1) last_sent on true
			left join lateral (
				select array_agg(distinct m.step_key order by m.step_key) as steps from delivery.v_message m
				where m.source_type = 'SCENARIO' and m.source_id = e.scenario_id and m.customer_id = e.customer_id
					and m.state = 'SENT' and m.sent_at >= e.enrolled_at and (nx.next_at is null or m.sent_at < nx.next_at)) sent
				on true
			left join lateral (
				select st ->> 'channel' as channel from scenario.v_enrollment_event ev
				cross join lateral jsonb_array_elements(s.definition -> 'steps') st
				where ev.enrollment_id = e.id and ev.kind in ('QUEUED', 'CONTROL_HELD') and st ->> 'key' = ev.step_key
				order by ev.at desc, ev.id desc limit 1) held on true
			left join lateral (
				select st ->> 'channel' as channel from jsonb_array_elements(s.definition -> 'steps') with ordinality as x(st, i)
				where st ->> 'type' = 'SEND' order by x.i limit 1) first_send on true
			left join lateral (
				select bool_or(v.amount > 0) as converted, min(v.ordered_at) filter (where v.amount > 0) as first_purchase_at,
					sum(v.amount) as revenue
				from domain.v_order v
				where v.customer_id = e.customer_id and v.ordered_at >= e.enrolled_at
					and v.ordered_at <= e.enrolled_at + make_interval(days => w.days)) o on true
			where e.id in (select id from dirty)
			on conflict (enrollment_id) do update set within_days = excluded.within_days, variant = excluded.variant,
				channel = excluded.channel, steps = excluded.steps, converted = excluded.converted,
				first_purchase_at = excluded.first_purchase_at, revenue = excluded.revenue
			""";

	private static final String DIRTY_ENROLMENTS = """
			with dirty as (
				select e.id from scenario.v_enrollment e where e.enrolled_at >= :since
				union
				select n.id from delivery.v_message m
				join scenario.v_enrollment n on n.scenario_id = m.source_id and n.customer_id = m.customer_id
				where m.source_type = 'SCENARIO' and m.finished_at >= :since
				union
				select ev.enrollment_id from scenario.v_enrollment_event ev where ev.at >= :since
				union
				select n.id from domain.v_order v join scenario.v_enrollment n on n.customer_id = v.customer_id
				where v.id > :orderFrom and v.id <= :orderTo)
			""";

	private static final String ALL_ENROLMENTS = "with dirty as (select id from scenario.v_enrollment)\n";

	private final JdbcClient jdbc;

	private final ZoneId zone;

	RollupQueries(JdbcClient jdbc, ShopProperties shop) {
		this.jdbc = jdbc;
		this.zone = shop.timeZone();
	}

	public RefreshResult refresh(Instant now, Duration settle, boolean skipWhenBusy) {
		State state = lockState(skipWhenBusy);
		if (state == null) {
			return new RefreshResult(0, 0);
		}
		if (state.refreshedAt() == null) {
			return rebuild(now);
		}
		Timestamp since = Timestamp.from(state.refreshedAt().minus(settle));
		List<Long> scenarios = new ArrayList<>();
		List<LocalDate> days = new ArrayList<>();
		this.jdbc.sql("""
				select m.source_id, (m.finished_at at time zone :zone)::date as day from delivery.v_message m
				where m.source_type = 'SCENARIO' and m.finished_at >= :since
				union
				select e.source_id, (m.finished_at at time zone :zone)::date from delivery.v_message_event e
				join delivery.v_message m on m.id = e.message_id
				where e.source_type = 'SCENARIO' and e.at >= :since and m.finished_at is not null
				""").param("zone", this.zone.getId()).param("since", since).query((rs) -> {
			scenarios.add(rs.getLong(1));
			days.add(rs.getObject(2, LocalDate.class));
		});
		this.jdbc.sql("""
				delete from analytics.engagement_daily r
				using unnest(cast(:scenarios as bigint[]), cast(:days as date[])) as k(scenario_id, day)
				where r.scenario_id = k.scenario_id and r.day = k.day
				""").param("scenarios", scenarios.toArray(Long[]::new)).param("days", dates(days)).update();
		insertBuckets(scenarios, days);
		long orderTo = maxOrderId();
		int outcomes = this.jdbc.sql(DIRTY_ENROLMENTS + OUTCOME_ROWS)
			.param("since", since)
			.param("orderFrom", state.orderIdSettled())
			.param("orderTo", orderTo)
			.update();
		markDone(now, settle, state, orderTo);
		return new RefreshResult(scenarios.size(), outcomes);
	}

	public RefreshResult rebuild(Instant now) {
		State state = lockState(false);
		this.jdbc.sql("set local work_mem = '256MB'").update();
		List<Long> scenarios = new ArrayList<>();
		List<LocalDate> days = new ArrayList<>();
		this.jdbc.sql("""
				select distinct m.source_id, (m.finished_at at time zone :zone)::date from delivery.v_message m
				where m.source_type = 'SCENARIO' and m.finished_at is not null
				""").param("zone", this.zone.getId()).query((rs) -> {
			scenarios.add(rs.getLong(1));
			days.add(rs.getObject(2, LocalDate.class));
		});
		this.jdbc.sql("delete from analytics.engagement_daily").update();
		insertBuckets(scenarios, days);
		this.jdbc.sql("delete from analytics.enrollment_outcome").update();
		long orderTo = maxOrderId();
		int outcomes = this.jdbc.sql(ALL_ENROLMENTS + OUTCOME_ROWS).update();
		markDone(now, Duration.ZERO, (state != null) ? state : new State(null, 0, 0, null), orderTo);
		return new RefreshResult(scenarios.size(), outcomes);
	}

	private void insertBuckets(List<Long> scenarios, List<LocalDate> days) {
		if (scenarios.isEmpty()) {
			return;
		}
		this.jdbc.sql(BUCKET_ROWS)
			.param("scenarios", scenarios.toArray(Long[]::new))
			.param("days", dates(days))
			.param("zone", this.zone.getId())
			.update();
	}

	private long maxOrderId() {
		return this.jdbc.sql("select coalesce(max(id), 0) from domain.v_order").query(Long.class).single();
	}

	/**
	 * Order ids up to the pending mark count as settled once the pending mark is older
	 * than the settle time: by then every transaction that held a lower id has committed.
	 */
	private void markDone(Instant now, Duration settle, State state, long orderTo) {
		boolean settleNow = state.pendingAt() == null || !state.pendingAt().plus(settle).isAfter(now);
		long settled = settleNow ? state.orderIdPending() : state.orderIdSettled();
		if (settle.isZero()) {
			settled = orderTo;
		}
		this.jdbc.sql("""
				update analytics.rollup_state set refreshed_at = :now, order_id_settled = :settled,
					order_id_pending = case when :settleNow then :orderTo else order_id_pending end,
					pending_at = case when :settleNow then :now else pending_at end
				where name = 'metrics'
				""")
			.param("now", Timestamp.from(now))
			.param("settled", settled)
			.param("settleNow", settleNow)
			.param("orderTo", orderTo)
			.update();
	}

	private @Nullable State lockState(boolean skipWhenBusy) {
		String sql = """
				select refreshed_at, order_id_settled, order_id_pending, pending_at from analytics.rollup_state
				where name = 'metrics' for update
				""" + (skipWhenBusy ? " skip locked" : "");
		return this.jdbc.sql(sql)
			.query((rs, n) -> new State(instant(rs.getTimestamp(1)), rs.getLong(2), rs.getLong(3),
					instant(rs.getTimestamp(4))))
			.optional()
			.orElse(null);
	}

	/** When the rollups were last refreshed, for the metrics' {@code asOf}. */
	public @Nullable Instant refreshedAt() {
		return this.jdbc.sql("select refreshed_at from analytics.rollup_state where name = 'metrics'")
			.query((rs, n) -> instant(rs.getTimestamp(1)))
			.optional()
			.orElse(null);
	}

	private static String[] dates(List<LocalDate> days) {
		return days.stream().map(LocalDate::toString).toArray(String[]::new);
	}

	private static @Nullable Instant instant(@Nullable Timestamp at) {
		return (at != null) ? at.toInstant() : null;
	}

	private record State(@Nullable Instant refreshedAt, long orderIdSettled, long orderIdPending,
			@Nullable Instant pendingAt) {
	}

}
