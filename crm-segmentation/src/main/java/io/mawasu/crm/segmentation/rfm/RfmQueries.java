package io.mawasu.crm.segmentation.rfm;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.mawasu.crm.segmentation.RfmCuts;
import io.mawasu.crm.segmentation.RfmDistribution;
import io.mawasu.crm.segmentation.RfmGridCell;
import io.mawasu.crm.segmentation.RfmMethod;
import io.mawasu.crm.segmentation.RfmMovement;
import io.mawasu.crm.segmentation.RfmRun;
import io.mawasu.crm.segmentation.RfmRunStatus;
import io.mawasu.crm.segmentation.RfmScore;
import io.mawasu.crm.segmentation.RfmScoreLine;
import io.mawasu.crm.segmentation.RfmSegment;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of RFM: claiming a run, scoring every buyer set-based, and reading runs,
 * scores, distributions and movements.
 */
@Repository
public class RfmQueries {

	// Orders up to the end of the as-of day (shop zone) are aggregated once per customer;
	// customers with no positive order are dropped before anything is ranked.
	private static final String BUYERS = """
			buyers as materialized (
				select customer_id,
					cast(:asOf as date)
						- cast(max(ordered_at) filter (where amount > 0) at time zone :zone as date) as recency_days,
					cast(count(*) filter (where amount > 0) as integer) as frequency,
					sum(amount) as monetary
				from domain.v_order
				where ordered_at < :until and ordered_at >= coalesce(cast(:since as timestamptz), '-infinity')
				group by customer_id
				having count(*) filter (where amount > 0) > 0
			)
			""";

	// percent_rank() of a buyer = (buyers strictly before it) / (n - 1), 0 when n = 1, in
	// double precision as PostgreSQL computes it. Ranking the distinct values instead of
	// the rows gives the same numbers with one small sort per axis instead of three sorts
	// of every buyer. As a score never falls while the value rises (recency: never
	// rises),
	// each buyer's score is then 1 + the number of levels 2-5 whose lowest value
	// (recency:
	// highest) it reaches: four comparisons per buyer instead of three hash joins.
	private static final String QUANTILE_SCORES = quantileScores(score("b.frequency >=", "l.f"));

	// A quantile run given F cut points: R and M by rank, F as in a threshold run.
	private static final String QUANTILE_SCORES_FIXED_F = quantileScores("""
			cast(1 + cast(b.frequency >= :f1 as int) + cast(b.frequency >= :f2 as int)
				+ cast(b.frequency >= :f3 as int) + cast(b.frequency >= :f4 as int) as smallint)
			""".strip());

	private static final String THRESHOLD_SCORES = """
			scored as (
				select customer_id, recency_days, frequency, monetary,
					cast(5 - (cast(recency_days >= :r1 as int) + cast(recency_days >= :r2 as int)
						+ cast(recency_days >= :r3 as int) + cast(recency_days >= :r4 as int)) as smallint) as r,
					cast(1 + cast(frequency >= :f1 as int) + cast(frequency >= :f2 as int)
						+ cast(frequency >= :f3 as int) + cast(frequency >= :f4 as int) as smallint) as f,
					cast(1 + cast(monetary >= :m1 as int) + cast(monetary >= :m2 as int)
						+ cast(monetary >= :m3 as int) + cast(monetary >= :m4 as int) as smallint) as m
				from buyers
			)
			""";

	// FM = round((f + m) / 2) with halves up; the grid names the segment. The
	// distribution
	// per (r, f, m) is written from the inserted rows, so the scores are not read again.
	private static final String INSERT_SCORES = """
			with %s, %s,
			inserted as (
				insert into segmentation.%s
					(run_id, customer_id, recency_days, frequency, monetary, r, f, m, segment_code)
				select :runId, s.customer_id, s.recency_days, s.frequency, s.monetary, s.r, s.f, s.m, c.segment_code
				from scored s
				join segmentation.rfm_segment_cell c on c.r = s.r and c.fm = (s.f + s.m + 1) / 2
				returning r, f, m, segment_code, monetary
			)
			insert into segmentation.rfm_run_cell (run_id, r, f, m, segment_code, customers, monetary)
			select :runId, r, f, m, segment_code, count(*), sum(monetary)
			from inserted
			group by r, f, m, segment_code
			""";

	private static String quantileScores(String frequencyScore) {
		return """
				r_rank as materialized (%s),
				f_rank as materialized (%s),
				m_rank as materialized (%s),
				levels as materialized (
					select r.*, f.*, m.*
					from (%s) r, (%s) f, (%s) m
				),
				scored as (
					select b.customer_id, b.recency_days, b.frequency, b.monetary,
						%s as r,
						%s as f,
						%s as m
					from buyers b cross join levels l
				)
				""".formatted(rank("recency_days", "desc"), rank("frequency", "asc"), rank("monetary", "asc"),
				levels("r", "max", "r_rank"), levels("f", "min", "f_rank"), levels("m", "min", "m_rank"),
				score("b.recency_days <=", "l.r"), frequencyScore, score("b.monetary >=", "l.m"));
	}

	private static String levels(String axis, String bound, String ranks) {
		return """
				select %2$s(value) filter (where score >= 2) as %1$s2, %2$s(value) filter (where score >= 3) as %1$s3,
					%2$s(value) filter (where score >= 4) as %1$s4, %2$s(value) filter (where score >= 5) as %1$s5
				from %3$s
				""".formatted(axis, bound, ranks);
	}

	private static String score(String comparison, String level) {
		return """
				cast(1 + coalesce(cast(%1$s %2$s2 as int), 0) + coalesce(cast(%1$s %2$s3 as int), 0)
					+ coalesce(cast(%1$s %2$s4 as int), 0) + coalesce(cast(%1$s %2$s5 as int), 0) as smallint)
				""".formatted(comparison, level).strip();
	}

	private static String rank(String column, String direction) {
		return """
				select value,
					cast(least(5, 1 + floor(5 * case when n > 1 then cast(before as float8) / cast(n - 1 as float8)
						else 0 end)) as smallint) as score
				from (
					select %1$s as value, sum(count(*)) over (order by %1$s %2$s) - count(*) as before,
						sum(count(*)) over () as n
					from buyers
					group by %1$s
				) ranked
				""".formatted(column, direction);
	}

	private static final String RUN_COLUMNS = """
			id, as_of, method, lookback_days, recency_cuts, frequency_cuts, monetary_cuts, status,
			started_at, finished_at, customers, no_purchase, error
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	public RfmQueries(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(2_000);
	}

	/**
	 * Inserts a RUNNING run and returns its id.
	 * @throws org.springframework.dao.DuplicateKeyException when another run is RUNNING
	 */
	public long claim(LocalDate asOf, RfmMethod method, @Nullable Integer lookbackDays, @Nullable RfmCuts cuts) {
		return this.jdbc.sql("""
				insert into segmentation.rfm_run
					(as_of, method, lookback_days, recency_cuts, frequency_cuts, monetary_cuts, status)
				values (:asOf, :method, :lookbackDays, cast(:recency as numeric[]), cast(:frequency as numeric[]),
					cast(:monetary as numeric[]), 'RUNNING')
				returning id
				""")
			.param("asOf", asOf)
			.param("method", method.name())
			.param("lookbackDays", lookbackDays)
			.param("recency", (cuts != null) ? arrayLiteral(cuts.recency()) : null)
			.param("frequency", (cuts != null) ? arrayLiteral(cuts.frequency()) : null)
			.param("monetary", (cuts != null) ? arrayLiteral(cuts.monetary()) : null)
			.query(Long.class)
			.single();
	}

	/** The id of the run in progress, if any. */
	public Optional<Long> runningId() {
		return this.jdbc.sql("select id from segmentation.rfm_run where status = 'RUNNING'")
			.query(Long.class)
			.optional();
	}

	/**
	 * Marks a RUNNING run that started longer ago than {@code staleAfter} as FAILED (its
	 * instance died mid-run); returns whether there was one.
	 */
	public boolean failAbandoned(Duration staleAfter) {
		return this.jdbc.sql("""
				update segmentation.rfm_run
				set status = 'FAILED', finished_at = now(), error = 'abandoned: still RUNNING after ' || :stale
				where status = 'RUNNING' and started_at < now() - cast(:stale as interval)
				""").param("stale", staleAfter.toSeconds() + " seconds").update() > 0;
	}

	/**
	 * Scores every customer with at least one order with a positive amount in
	 * {@code [since, until)}, into the run's own partition of {@code rfm_score} (created,
	 * filled, indexed, then attached) and the run's distribution into
	 * {@code rfm_run_cell}. Must run inside a transaction. recencyDays = as-of date minus
	 * the shop-zone date of the last positive order; frequency = positive orders;
	 * monetary = the sum of all amounts (returns reduce it). QUANTILE: each score is
	 * {@code least(5, 1 + floor(5 * percent_rank()))}, recency ordered descending;
	 * THRESHOLD: 1 + cut points &le; value (recency: 5 &minus; cut points &le; days); a
	 * QUANTILE run given F cut points scores F that way and R and M by rank.
	 * @return the number of scored customers
	 */
	public int score(long runId, LocalDate asOf, ZoneId zone, Instant until, @Nullable Instant since, RfmMethod method,
			@Nullable RfmCuts cuts) {
		String partition = "rfm_score_" + runId;
		this.jdbc.sql("set local work_mem = '256MB'").update();
		this.jdbc
			.sql("create table segmentation.%s (like segmentation.rfm_score, check (run_id = %d))".formatted(partition,
					runId))
			.update();
		boolean threshold = method == RfmMethod.THRESHOLD && cuts != null;
		boolean fixedFrequency = !threshold && cuts != null && cuts.frequency() != null;
		String scores = threshold ? THRESHOLD_SCORES : fixedFrequency ? QUANTILE_SCORES_FIXED_F : QUANTILE_SCORES;
		JdbcClient.StatementSpec insert = this.jdbc.sql(INSERT_SCORES.formatted(BUYERS, scores, partition))
			.param("runId", runId)
			.param("asOf", asOf)
			.param("zone", zone.getId())
			.param("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC))
			.param("since", (since != null) ? OffsetDateTime.ofInstant(since, ZoneOffset.UTC) : null);
		if (threshold) {
			insert = cutParams(insert, "r", cuts.recency());
			insert = cutParams(insert, "f", cuts.frequency());
			insert = cutParams(insert, "m", cuts.monetary());
		}
		else if (fixedFrequency) {
			insert = cutParams(insert, "f", cuts.frequency());
		}
		insert.update();
		this.jdbc.sql("alter table segmentation.%s add primary key (run_id, customer_id)".formatted(partition))
			.update();
		this.jdbc
			.sql("alter table segmentation.rfm_score attach partition segmentation.%s for values in (%d)"
				.formatted(partition, runId))
			.update();
		return this.jdbc.sql("select coalesce(sum(customers), 0) from segmentation.rfm_run_cell where run_id = :runId")
			.param("runId", runId)
			.query(Integer.class)
			.single();
	}

	private static JdbcClient.StatementSpec cutParams(JdbcClient.StatementSpec spec, String prefix,
			@Nullable List<BigDecimal> cuts) {
		JdbcClient.StatementSpec result = spec;
		for (int i = 0; i < RfmCuts.COUNT; i++) {
			result = result.param(prefix + (i + 1), (cuts != null) ? cuts.get(i) : null);
		}
		return result;
	}

	/** Marks a run DONE with its counts; no purchase = customers not scored. */
	public void finish(long runId, int customers) {
		this.jdbc.sql("""
				update segmentation.rfm_run
				set status = 'DONE', finished_at = now(), customers = :customers,
					no_purchase = (select count(*) from domain.v_customer) - :customers
				where id = :runId
				""").param("runId", runId).param("customers", customers).update();
	}

	/** Marks a run FAILED with the reason. */
	public void fail(long runId, String error) {
		this.jdbc.sql("""
				update segmentation.rfm_run set status = 'FAILED', finished_at = now(), error = :error
				where id = :runId and status = 'RUNNING'
				""").param("runId", runId).param("error", error).update();
	}

	/** A run by id. */
	public Optional<RfmRun> find(long runId) {
		return this.jdbc.sql("select " + RUN_COLUMNS + " from segmentation.rfm_run where id = :id")
			.param("id", runId)
			.query(this::run)
			.optional()
			.map(this::withSegments);
	}

	/** The newest DONE run. */
	public Optional<RfmRun> latestDone() {
		return this.jdbc
			.sql("select " + RUN_COLUMNS + " from segmentation.rfm_run where status = 'DONE' order by id desc limit 1")
			.query(this::run)
			.optional()
			.map(this::withSegments);
	}

	/** The newest runs of any status, newest first, without segment counts. */
	public List<RfmRun> recent(int limit) {
		return this.jdbc.sql("select " + RUN_COLUMNS + " from segmentation.rfm_run order by id desc limit :limit")
			.param("limit", limit)
			.query(this::run)
			.list();
	}

	private RfmRun withSegments(RfmRun run) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql("""
				select s.code, coalesce(sum(c.customers), 0) as customers
				from segmentation.rfm_segment s
				left join segmentation.rfm_run_cell c on c.segment_code = s.code and c.run_id = :runId
				group by s.code, s.sort_order
				having :done or coalesce(sum(c.customers), 0) > 0
				order by s.sort_order, s.code
				""").param("runId", run.id()).param("done", run.status() == RfmRunStatus.DONE).query((rs) -> {
			counts.put(rs.getString("code"), rs.getLong("customers"));
		});
		return new RfmRun(run.id(), run.asOf(), run.method(), run.lookbackDays(), run.cuts(), run.status(),
				run.startedAt(), run.finishedAt(), run.customers(), run.noPurchase(), run.error(), counts);
	}

	private RfmRun run(ResultSet rs, int row) throws SQLException {
		List<BigDecimal> recency = numbers(rs.getArray("recency_cuts"));
		List<BigDecimal> frequency = numbers(rs.getArray("frequency_cuts"));
		RfmCuts cuts = (recency != null || frequency != null)
				? new RfmCuts(recency, frequency, numbers(rs.getArray("monetary_cuts"))) : null;
		Timestamp finished = rs.getTimestamp("finished_at");
		return new RfmRun(rs.getLong("id"), rs.getObject("as_of", LocalDate.class),
				RfmMethod.valueOf(rs.getString("method")), rs.getObject("lookback_days", Integer.class), cuts,
				RfmRunStatus.valueOf(rs.getString("status")), rs.getTimestamp("started_at").toInstant(),
				(finished != null) ? finished.toInstant() : null, rs.getObject("customers", Integer.class),
				rs.getObject("no_purchase", Integer.class), rs.getString("error"), Map.of());
	}

	private static @Nullable List<BigDecimal> numbers(@Nullable Array array) throws SQLException {
		if (array == null) {
			return null;
		}
		return Arrays.stream((Object[]) array.getArray()).map((n) -> (BigDecimal) n).toList();
	}

	private static @Nullable String arrayLiteral(@Nullable List<BigDecimal> numbers) {
		if (numbers == null) {
			return null;
		}
		return numbers.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(",", "{", "}"));
	}

	/**
	 * Segment codes of the given customers in the newest finished run (unscored ones
	 * absent).
	 */
	public Map<Long, String> latestSegmentCodes(long[] customerIds) {
		Map<Long, String> codes = new HashMap<>();
		this.jdbc.sql("""
				select s.customer_id, s.segment_code from segmentation.rfm_score s
				where s.run_id = (select max(id) from segmentation.rfm_run where status = 'DONE')
					and s.customer_id = any(:ids)
				""").param("ids", customerIds).query((rs) -> {
			codes.put(rs.getLong(1), rs.getString(2));
		});
		return codes;
	}

	/** A customer's score in the newest DONE run; empty when unknown or not scored. */
	public Optional<RfmScore> scoreOf(String externalId) {
		return this.jdbc.sql("""
				select s.recency_days, s.frequency, s.monetary, s.r, s.f, s.m, s.segment_code
				from domain.v_customer c
				join segmentation.rfm_score s on s.customer_id = c.id
				where c.external_id = :externalId
					and s.run_id = (select max(id) from segmentation.rfm_run where status = 'DONE')
				""").param("externalId", externalId).query(RfmQueries::score).optional();
	}

	private static RfmScore score(ResultSet rs, int row) throws SQLException {
		return new RfmScore(rs.getInt("recency_days"), rs.getInt("frequency"), rs.getBigDecimal("monetary"),
				rs.getInt("r"), rs.getInt("f"), rs.getInt("m"), rs.getString("segment_code"));
	}

	/**
	 * Hands every scored customer of a run to {@code sink}, ordered by external id, while
	 * reading: the rows are fetched in batches, never held all at once. Must run inside a
	 * transaction (the PostgreSQL driver streams only then).
	 */
	public void exportScores(long runId, Consumer<RfmScoreLine> sink) {
		this.streaming.query("""
				select c.external_id, s.recency_days, s.frequency, s.monetary, s.r, s.f, s.m, s.segment_code
				from segmentation.rfm_score s
				join domain.v_customer c on c.id = s.customer_id
				where s.run_id = ?
				order by c.external_id
				""", (ResultSet rs) -> {
			sink.accept(new RfmScoreLine(rs.getString("external_id"), score(rs, 0)));
		}, runId);
	}

	/** The R &times; F cells and the per-segment counts of a run. */
	public RfmDistribution distribution(RfmRun run, List<RfmSegment> segments) {
		List<RfmDistribution.Cell> cells = this.jdbc.sql("""
				select r, f, sum(customers) as customers, sum(monetary) as revenue
				from segmentation.rfm_run_cell where run_id = :runId
				group by r, f order by r desc, f
				""")
			.param("runId", run.id())
			.query((rs, n) -> new RfmDistribution.Cell(rs.getInt("r"), rs.getInt("f"), rs.getLong("customers"),
					rs.getBigDecimal("revenue")))
			.list();
		Map<String, long[]> counts = new LinkedHashMap<>();
		Map<String, BigDecimal> revenues = new LinkedHashMap<>();
		this.jdbc.sql("""
				select segment_code, sum(customers) as customers, sum(monetary) as revenue
				from segmentation.rfm_run_cell where run_id = :runId group by segment_code
				""").param("runId", run.id()).query((rs) -> {
			counts.put(rs.getString("segment_code"), new long[] { rs.getLong("customers") });
			revenues.put(rs.getString("segment_code"), rs.getBigDecimal("revenue"));
		});
		List<RfmDistribution.SegmentShare> shares = segments.stream()
			.map((segment) -> new RfmDistribution.SegmentShare(segment,
					counts.getOrDefault(segment.code(), new long[] { 0 })[0],
					revenues.getOrDefault(segment.code(), BigDecimal.ZERO)))
			.toList();
		long customers = cells.stream().mapToLong(RfmDistribution.Cell::customers).sum();
		BigDecimal revenue = cells.stream().map(RfmDistribution.Cell::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new RfmDistribution(run, cells, shares, customers, revenue);
	}

	/**
	 * Customers per (segment in run {@code from}, segment in run {@code to}); a customer
	 * scored in only one of them counts with {@code null} ("not scored") on the other
	 * side.
	 */
	public RfmMovement movement(long from, long to) {
		List<RfmMovement.Flow> flows = this.jdbc.sql("""
				select a.segment_code as from_code, b.segment_code as to_code, count(*) as customers
				from (select customer_id, segment_code from segmentation.rfm_score where run_id = :from) a
				full join (select customer_id, segment_code from segmentation.rfm_score where run_id = :to) b
					on a.customer_id = b.customer_id
				group by a.segment_code, b.segment_code
				""")
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> new RfmMovement.Flow(rs.getString("from_code"), rs.getString("to_code"),
					rs.getLong("customers")))
			.list();
		return new RfmMovement(from, to, flows);
	}

	/** The named segments in display order. */
	public List<RfmSegment> segments() {
		return this.jdbc
			.sql("""
					select code, name_ja, name_en, colour, sort_order from segmentation.rfm_segment order by sort_order, code
					""")
			.query((rs, n) -> new RfmSegment(rs.getString("code"), rs.getString("name_ja"), rs.getString("name_en"),
					rs.getString("colour"), rs.getInt("sort_order")))
			.list();
	}

	/** The 25 cells of the R &times; FM grid. */
	public List<RfmGridCell> grid() {
		return this.jdbc.sql("select r, fm, segment_code from segmentation.rfm_segment_cell order by r desc, fm")
			.query((rs, n) -> new RfmGridCell(rs.getInt("r"), rs.getInt("fm"), rs.getString("segment_code")))
			.list();
	}

	/** Points one grid cell at a segment. */
	public void updateCell(RfmGridCell cell) {
		this.jdbc.sql("""
				insert into segmentation.rfm_segment_cell (r, fm, segment_code) values (:r, :fm, :segment)
				on conflict (r, fm) do update set segment_code = excluded.segment_code
				""").param("r", cell.r()).param("fm", cell.fm()).param("segment", cell.segment()).update();
	}

}
