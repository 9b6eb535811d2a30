package io.mawasu.crm.segmentation.rule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.segmentation.MemberPage;
import io.mawasu.crm.segmentation.SegmentCount;
import io.mawasu.crm.segmentation.SegmentMember;
import io.mawasu.crm.segmentation.SegmentSnapshot;
import io.mawasu.crm.segmentation.SegmentSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Set-based SQL for rule segments: counts with reach, member pages, snapshots, and the
 * {@code segmentation.segment} rows.
 */
@Repository
public class SegmentQueries {

	/**
	 * Size and reach of a set of customers {@code m} (columns id, email, phone_e164,
	 * line_user_id, blacklisted). Reachable on a channel: not blacklisted, a non-blank
	 * address for it, opted in on it now (the {@code domain.v_consent_current} row is the
	 * latest state, so a later opt-out wins), and the address not suppressed (email
	 * trimmed and case-insensitive, LINE id trimmed, phone in E.164: a phone that is not
	 * a number is no SMS address). Joins rather than per-row subqueries, so the planner
	 * can hash them for large segments.
	 */
	static String reachOf(String members) {
		return """
				select count(*) as size,
					count(*) filter (where not m.blacklisted and btrim(coalesce(m.email, '')) <> ''
						and ke.customer_id is not null and se.a is null) as email,
					count(*) filter (where not m.blacklisted and btrim(coalesce(m.line_user_id, '')) <> ''
						and kl.customer_id is not null and sl.a is null) as line,
					count(*) filter (where not m.blacklisted and m.phone_e164 is not null
						and ks.customer_id is not null and ss.a is null) as sms
				from (""" + members
				+ """
						) m
						left join domain.v_consent_current ke on ke.customer_id = m.id and ke.channel = 'EMAIL' and ke.status = 'OPT_IN'
						left join domain.v_consent_current kl on kl.customer_id = m.id and kl.channel = 'LINE' and kl.status = 'OPT_IN'
						left join domain.v_consent_current ks on ks.customer_id = m.id and ks.channel = 'SMS' and ks.status = 'OPT_IN'
						left join (select distinct lower(btrim(address)) as a from domain.v_suppression where channel = 'EMAIL') se
							on se.a = lower(btrim(m.email))
						left join (select distinct btrim(address) as a from domain.v_suppression where channel = 'LINE') sl
							on sl.a = btrim(m.line_user_id)
						left join (select distinct address as a from domain.v_suppression
							where channel = 'SMS') ss on ss.a = m.phone_e164
						""";
	}

	static final String MEMBER_COLUMNS = "select c.id, c.email, c.phone_e164, c.line_user_id, c.blacklisted ";

	private final JdbcClient jdbc;

	SegmentQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The customer ids of a segment's latest snapshot, ascending. */
	public long[] memberIds(long segmentId) {
		return this.jdbc.sql("select customer_id from segmentation.segment_member where segment_id = :id order by 1")
			.param("id", segmentId)
			.query(Long.class)
			.list()
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
	}

	/** Of the given customers, those the rule matches now. */
	public List<Long> matching(CompiledRule rule, long[] customerIds) {
		return this.jdbc.sql("select c.id " + rule.fromWhere() + "\nand c.id = any(:segmentationIds)")
			.params(rule.parameters())
			.param("segmentationIds", customerIds)
			.query(Long.class)
			.list();
	}

	/** Size = customers matching the rule; reach per channel as {@link #reachOf}. */
	public SegmentCount count(CompiledRule rule) {
		return this.jdbc.sql(reachOf(MEMBER_COLUMNS + rule.fromWhere()))
			.params(rule.parameters())
			.query((rs, n) -> new SegmentCount(rs.getLong("size"), reach(rs)))
			.single();
	}

	/** Customers matching the rule. */
	public long size(CompiledRule rule) {
		return this.jdbc.sql("select count(*) " + rule.fromWhere())
			.params(rule.parameters())
			.query(Long.class)
			.single();
	}

	/** One page of the customers matching the rule, by external id. */
	public MemberPage members(CompiledRule rule, int page, int size) {
		List<SegmentMember> content = this.jdbc
			.sql("select c.external_id, c.name, c.email, c.phone, c.prefecture " + rule.fromWhere()
					+ "\norder by c.external_id limit :limit offset :offset")
			.params(rule.parameters())
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, n) -> new SegmentMember(rs.getString("external_id"), rs.getString("name"),
					rs.getString("email"), rs.getString("phone"), rs.getString("prefecture")))
			.list();
		long total = (page == 0 && content.size() < size) ? content.size() : size(rule);
		return new MemberPage(content, page, size, total);
	}

	public long insertSegment(String name, String ruleJson, @Nullable String createdBy) {
		return this.jdbc
			.sql("""
					insert into segmentation.segment (name, rule, created_by) values (:name, cast(:rule as jsonb), :createdBy)
					returning id
					""")
			.param("name", name)
			.param("rule", ruleJson)
			.param("createdBy", createdBy)
			.query(Long.class)
			.single();
	}

	/**
	 * Replaces the segment's members with the customers matching the rule now, in one
	 * {@code insert … select}, and records the snapshot's size and reach. Concurrent
	 * refreshes of one segment queue on its row.
	 */
	public SegmentSnapshot snapshot(long segmentId, CompiledRule rule) {
		this.jdbc.sql("select id from segmentation.segment where id = :id for update")
			.param("id", segmentId)
			.query(Long.class)
			.single();
		long snapshotId = this.jdbc.sql("""
				insert into segmentation.segment_snapshot (segment_id, size, reach_email, reach_line, reach_sms)
				values (:id, 0, 0, 0, 0) returning id
				""").param("id", segmentId).query(Long.class).single();
		this.jdbc.sql("delete from segmentation.segment_member where segment_id = :segmentId")
			.param("segmentId", segmentId)
			.update();
		this.jdbc
			.sql("insert into segmentation.segment_member (segment_id, customer_id, snapshot_id)\nselect :segmentId, "
					+ "c.id, :snapshotId " + rule.fromWhere())
			.params(rule.parameters())
			.param("segmentId", segmentId)
			.param("snapshotId", snapshotId)
			.update();
		return this.jdbc.sql("with x as (" + reachOf(MEMBER_COLUMNS + """
				from segmentation.segment_member sm join domain.v_customer c on c.id = sm.customer_id
				where sm.segment_id = :segmentId""") + """
				)
				update segmentation.segment_snapshot t
				set size = x.size, reach_email = x.email, reach_line = x.line, reach_sms = x.sms
				from x where t.id = :snapshotId
				returning t.id, t.taken_at, t.size, t.reach_email, t.reach_line, t.reach_sms
				""")
			.param("segmentId", segmentId)
			.param("snapshotId", snapshotId)
			.query((rs, n) -> snapshot(rs))
			.single();
	}

	public List<SegmentSnapshot> snapshots(long segmentId) {
		return this.jdbc.sql("""
				select id, taken_at, size, reach_email, reach_line, reach_sms from segmentation.segment_snapshot
				where segment_id = :id order by taken_at, id
				""").param("id", segmentId).query((rs, n) -> snapshot(rs)).list();
	}

	public List<SegmentSummary> list() {
		return this.jdbc.sql("""
				select s.id, s.name, s.rank_priority, l.size::bigint as size, l.taken_at
				from segmentation.segment s
				left join lateral (select size, taken_at from segmentation.segment_snapshot x
					where x.segment_id = s.id order by taken_at desc, id desc limit 1) l on true
				order by s.rank_priority desc nulls last, s.id desc
				""")
			.query((rs, n) -> new SegmentSummary(rs.getLong("id"), rs.getString("name"),
					rs.getObject("rank_priority", Integer.class), rs.getObject("size", Long.class),
					instant(rs, "taken_at")))
			.list();
	}

	/** The saved segments whose latest snapshot holds the customer, by name. */
	public List<SegmentSummary> segmentsOf(long customerId) {
		return this.jdbc.sql("""
				select s.id, s.name, s.rank_priority, x.size::bigint as size, x.taken_at
				from segmentation.segment_member m
				join segmentation.segment s on s.id = m.segment_id
				join segmentation.segment_snapshot x on x.id = m.snapshot_id
				where m.customer_id = :customerId
				order by s.name, s.id
				""")
			.param("customerId", customerId)
			.query((rs, n) -> new SegmentSummary(rs.getLong("id"), rs.getString("name"),
					rs.getObject("rank_priority", Integer.class), rs.getObject("size", Long.class),
					instant(rs, "taken_at")))
			.list();
	}

	/** A stored segment row with its rule as JSON text. */
	public record Row(long id, String name, String rule, @Nullable Integer rankPriority, @Nullable String refreshCron,
			@Nullable String createdBy, Instant createdAt, @Nullable Instant lastTakenAt) {
	}

	public Optional<Row> find(long id) {
		return rows("where s.id = :id", id).stream().findFirst();
	}

	public List<Row> all() {
		return rows("", null);
	}

	private List<Row> rows(String where, @Nullable Long id) {
		JdbcClient.StatementSpec spec = this.jdbc
			.sql("""
					select s.id, s.name, s.rule::text as rule, s.rank_priority, s.refresh_cron, s.created_by, s.created_at,
						(select max(taken_at) from segmentation.segment_snapshot x where x.segment_id = s.id) as last_taken_at
					from segmentation.segment s
					"""
					+ where + " order by s.id");
		if (id != null) {
			spec = spec.param("id", id);
		}
		return spec
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getString("name"), rs.getString("rule"),
					rs.getObject("rank_priority", Integer.class), rs.getString("refresh_cron"),
					rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "last_taken_at")))
			.list();
	}

	/** Renames a segment and replaces its rule; false for an unknown id. */
	public boolean updateSegment(long id, String name, String ruleJson) {
		return this.jdbc.sql("""
				update segmentation.segment set name = :name, rule = cast(:rule as jsonb), updated_at = now(),
					version = version + 1
				where id = :id
				""").param("name", name).param("rule", ruleJson).param("id", id).update() > 0;
	}

	/**
	 * Deletes a segment with its snapshots and members (they cascade); false for an
	 * unknown id.
	 */
	public boolean deleteSegment(long id) {
		return this.jdbc.sql("delete from segmentation.segment where id = :id").param("id", id).update() > 0;
	}

	public boolean setRank(long id, @Nullable Integer rank) {
		return this.jdbc.sql("""
				update segmentation.segment set rank_priority = :rank, updated_at = now(), version = version + 1
				where id = :id
				""").param("rank", rank).param("id", id).update() > 0;
	}

	public boolean setRefreshCron(long id, @Nullable String cron) {
		return this.jdbc.sql("""
				update segmentation.segment set refresh_cron = :cron, updated_at = now(), version = version + 1
				where id = :id
				""").param("cron", cron).param("id", id).update() > 0;
	}

	public long totalCustomers() {
		return this.jdbc.sql("select count(*) from domain.v_customer").query(Long.class).single();
	}

	private static Map<Channel, Long> reach(ResultSet rs) throws SQLException {
		Map<Channel, Long> reach = new EnumMap<>(Channel.class);
		reach.put(Channel.EMAIL, rs.getLong("email"));
		reach.put(Channel.LINE, rs.getLong("line"));
		reach.put(Channel.SMS, rs.getLong("sms"));
		return reach;
	}

	private static SegmentSnapshot snapshot(ResultSet rs) throws SQLException {
		return new SegmentSnapshot(rs.getLong("id"), instant(rs, "taken_at"), rs.getLong("size"),
				rs.getLong("reach_email"), rs.getLong("reach_line"), rs.getLong("reach_sms"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
