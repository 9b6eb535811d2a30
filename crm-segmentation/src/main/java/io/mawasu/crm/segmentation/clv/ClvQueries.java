package io.mawasu.crm.segmentation.clv;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.mawasu.crm.segmentation.ClvFit;
import io.mawasu.crm.segmentation.ClvPrediction;
import io.mawasu.crm.segmentation.ClvTimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of CLV fits: the per-customer purchase summary, storing a fit and its
 * predictions, and reading them.
 */
@Repository
public class ClvQueries {

	private static final String FIT_COLUMNS = """
			id, calibration_end, time_unit, horizon, customers, repeaters, r, alpha, a, b, bgnbd_log_likelihood,
			p, q, gamma, gamma_gamma_log_likelihood, created_at, holdout_predicted, boundary""";

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	private final DataSource dataSource;

	public ClvQueries(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(5_000);
		this.streaming = JdbcClient.create(template);
	}

	/**
	 * Takes the cluster-wide CLV lock for the current transaction; false when another
	 * transaction (on any instance) holds it.
	 */
	public boolean tryLock() {
		return Boolean.TRUE.equals(this.jdbc.sql("select pg_try_advisory_xact_lock(hashtext('segmentation.clv_fit'))")
			.query(Boolean.class)
			.single());
	}

	/**
	 * The model inputs of every customer whose first purchase day is on or before
	 * calibrationEnd, in one aggregate over the orders (must run in a transaction). A
	 * purchase is an order with amount ≥ 0 before {@code until} (the start of the day
	 * after calibrationEnd in the shop's zone); the orders of one calendar day in the
	 * zone are one purchase with their summed spend. x = purchase days − 1, recency =
	 * last − first purchase day, age = calibrationEnd − first purchase day, spend =
	 * (total − first day's spend) / x.
	 * <p>
	 * Amounts are summed as double precision (the models' arithmetic; numeric sums cost
	 * three times the aggregate's time), and the first day's spend is carried through
	 * {@code min} by encoding (day, spend) as one bigint: days since 1900 (imports refuse
	 * earlier dates) × 2⁴⁶ + spend in cents, the cents capped at 2⁴⁶ − 1 (7 × 10¹¹ in
	 * currency units, on one day).
	 * @param workMemKilobytes the transaction's {@code work_mem}
	 */
	public CustomerSummary summary(LocalDate calibrationEnd, ZoneId zone, Instant until, long workMemKilobytes) {
		this.jdbc.sql("select set_config('work_mem', :value, true)")
			.param("value", workMemKilobytes + "kB")
			.query(String.class)
			.single();
		CustomerSummary summary = new CustomerSummary();
		this.streaming.sql("""
				with days as (
					select customer_id, cast(timezone(:zone, ordered_at) as date) - date '1900-01-01' as day,
						sum(cast(amount as double precision)) as spend
					from domain.v_order
					where amount >= 0 and ordered_at < :until
					group by 1, 2
				),
				customers as (
					select customer_id, count(*) - 1 as x, max(day) - min(day) as recency_days,
						(cast(:calibrationEnd as date) - date '1900-01-01') - min(day) as age_days, sum(spend) as total,
						min((cast(day as bigint) << 46)
							| least(cast(round(spend * 100) as bigint), 70368744177663)) as first_key
					from days
					group by customer_id
				)
				select customer_id, x, recency_days, age_days,
					case when x > 0
						then (total - cast(first_key & 70368744177663 as double precision) / 100) / x end as spend
				from customers
				""")
			.param("zone", zone.getId())
			.param("until", until.atOffset(ZoneOffset.UTC))
			.param("calibrationEnd", calibrationEnd)
			.query((ResultSet rs) -> {
				double spend = rs.getDouble(5);
				summary.add(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.wasNull() ? Double.NaN : spend);
			});
		return summary;
	}

	/** Stores a fit and returns its id. */
	public long insertFit(LocalDate calibrationEnd, ClvTimeUnit unit, int horizon, int customers,
			ClvModelling.Result result, Instant createdAt) {
		return this.jdbc.sql("""
				insert into segmentation.clv_fit (calibration_end, time_unit, horizon, customers, repeaters,
					r, alpha, a, b, bgnbd_log_likelihood, p, q, gamma, gamma_gamma_log_likelihood,
					holdout_predicted, boundary, created_at)
				values (:calibrationEnd, :unit, :horizon, :customers, :repeaters, :r, :alpha, :a, :b, :bgLl,
					:p, :q, :gamma, :ggLl, :holdout, :boundary, :createdAt)
				returning id
				""")
			.param("calibrationEnd", calibrationEnd)
			.param("unit", unit.name())
			.param("horizon", horizon)
			.param("customers", customers)
			.param("repeaters", result.repeaters())
			.param("r", result.r())
			.param("alpha", result.alpha())
			.param("a", result.a())
			.param("b", result.b())
			.param("bgLl", result.bgNbdLogLikelihood())
			.param("p", nullIfNaN(result.p()))
			.param("q", nullIfNaN(result.q()))
			.param("gamma", nullIfNaN(result.gamma()))
			.param("ggLl", nullIfNaN(result.gammaGammaLogLikelihood()))
			.param("holdout", result.holdoutPredicted())
			.param("boundary", result.boundary().toArray(new String[0]))
			.param("createdAt", createdAt.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single();
	}

	/**
	 * Writes one prediction row per customer into the fit's own partition of
	 * {@code clv_prediction}: created without indexes, filled with COPY on the
	 * transaction's connection, given its primary key (one sort instead of a million
	 * index insertions), then attached.
	 */
	public void copyPredictions(long fitId, CustomerSummary summary, int unitDays, ClvModelling.Result result) {
		String partition = "clv_prediction_" + fitId;
		this.jdbc
			.sql("create table segmentation.%s (like segmentation.clv_prediction, check (fit_id = %d))"
				.formatted(partition, fitId))
			.update();
		copyRows(partition, fitId, summary, unitDays, result);
		this.jdbc.sql("alter table segmentation.%s add primary key (fit_id, customer_id)".formatted(partition))
			.update();
		this.jdbc
			.sql("alter table segmentation.clv_prediction attach partition segmentation.%s for values in (%d)"
				.formatted(partition, fitId))
			.update();
	}

	private void copyRows(String partition, long fitId, CustomerSummary summary, int unitDays,
			ClvModelling.Result result) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			CopyIn copy = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy segmentation." + partition + " (fit_id, customer_id, frequency, recency, t, spend, "
						+ "p_alive, expected_purchases, expected_spend, clv) from stdin");
			try {
				StringBuilder rows = new StringBuilder(1 << 16);
				for (int i = 0; i < summary.size; i++) {
					int x = summary.x[i];
					int history = result.historyOf(x, summary.recencyDays[i], summary.ageDays[i]);
					double purchases = result.expectedPurchases()[history];
					double spend = result.expectedSpend(x, summary.spend[i]);
					rows.append(fitId)
						.append('\t')
						.append(summary.customerId[i])
						.append('\t')
						.append(x)
						.append('\t')
						.append((double) summary.recencyDays[i] / unitDays)
						.append('\t')
						.append((double) summary.ageDays[i] / unitDays)
						.append('\t');
					if (Double.isNaN(summary.spend[i])) {
						rows.append("\\N");
					}
					else {
						appendCents(rows, Math.round(summary.spend[i] * 100));
					}
					rows.append('\t')
						.append(result.pAlive()[history])
						.append('\t')
						.append(purchases)
						.append('\t')
						.append(spend)
						.append('\t')
						.append(purchases * spend)
						.append('\n');
					if (rows.length() > (1 << 16) - 256) {
						byte[] bytes = rows.toString().getBytes(StandardCharsets.US_ASCII);
						copy.writeToCopy(bytes, 0, bytes.length);
						rows.setLength(0);
					}
				}
				byte[] bytes = rows.toString().getBytes(StandardCharsets.US_ASCII);
				copy.writeToCopy(bytes, 0, bytes.length);
				copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Writing the CLV predictions failed: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * Drops the prediction partitions of all but the newest {@code keep} fits (fit rows
	 * stay).
	 */
	public void prunePredictions(int keep) {
		List<Long> old = this.jdbc.sql("""
				select cast(substr(c.relname, length('clv_prediction_') + 1) as bigint)
				from pg_inherits i
				join pg_class c on c.oid = i.inhrelid
				join pg_class parent on parent.oid = i.inhparent
				join pg_namespace n on n.oid = parent.relnamespace
				where n.nspname = 'segmentation' and parent.relname = 'clv_prediction'
					and cast(substr(c.relname, length('clv_prediction_') + 1) as bigint) < (select coalesce(min(id), 0)
						from (select id from segmentation.clv_fit order by id desc limit :keep) newest)
				""").param("keep", keep).query(Long.class).list();
		for (long fitId : old) {
			this.jdbc.sql("drop table segmentation.clv_prediction_%d".formatted(fitId)).update();
		}
	}

	public Optional<ClvFit> latest() {
		return this.jdbc.sql("select " + FIT_COLUMNS + " from segmentation.clv_fit order by id desc limit 1")
			.query(ClvQueries::fit)
			.optional();
	}

	public Optional<ClvFit> find(long id) {
		return this.jdbc.sql("select " + FIT_COLUMNS + " from segmentation.clv_fit where id = :id")
			.param("id", id)
			.query(ClvQueries::fit)
			.optional();
	}

	public boolean hasPredictions(long fitId) {
		return this.jdbc.sql("select exists (select 1 from segmentation.clv_prediction where fit_id = :id)")
			.param("id", fitId)
			.query(Boolean.class)
			.single();
	}

	/** A customer's prediction in the newest fit; empty when not modelled in it. */
	public Optional<ClvPrediction> latestOf(String externalId) {
		return this.jdbc.sql("""
				select p.*, c.external_id from segmentation.clv_prediction p
				join domain.v_customer c on c.id = p.customer_id
				where c.external_id = :externalId
					and p.fit_id = (select max(id) from segmentation.clv_fit)
				""").param("externalId", externalId).query(ClvQueries::prediction).optional();
	}

	/** Streams a fit's predictions ordered by external id (call in a transaction). */
	public void export(long fitId, Consumer<ClvPrediction> sink) {
		this.streaming.sql("""
				select p.*, c.external_id from segmentation.clv_prediction p
				join domain.v_customer c on c.id = p.customer_id
				where p.fit_id = :fitId
				order by c.external_id
				""").param("fitId", fitId).query((ResultSet rs) -> sink.accept(prediction(rs, 0)));
	}

	/** The customers with the highest CLV in a fit. */
	public List<ClvPrediction> top(long fitId, int limit) {
		return this.jdbc.sql("""
				select p.*, c.external_id from segmentation.clv_prediction p
				join domain.v_customer c on c.id = p.customer_id
				where p.fit_id = :fitId
				order by p.clv desc, c.external_id
				limit :limit
				""").param("fitId", fitId).param("limit", limit).query(ClvQueries::prediction).list();
	}

	/** Customers per P(alive) bin of 0.1 (ten bins, 1.0 in the last). */
	public List<Long> pAliveHistogram(long fitId) {
		long[] counts = new long[10];
		this.jdbc
			.sql("""
					select cast(least(greatest(floor(p_alive * 10), 0), 9) as integer) as bin, count(*) from segmentation.clv_prediction
					where fit_id = :fitId group by 1
					""")
			.param("fitId", fitId)
			.query((ResultSet rs) -> {
				counts[Math.max(0, rs.getInt(1))] = rs.getLong(2);
			});
		List<Long> list = new ArrayList<>();
		for (long c : counts) {
			list.add(c);
		}
		return list;
	}

	/** The largest CLV of a fit (0 when none). */
	public double maxClv(long fitId) {
		return this.jdbc.sql(
				"select coalesce(max(clv) filter (where clv < 'Infinity'), 0) from segmentation.clv_prediction where fit_id = :fitId")
			.param("fitId", fitId)
			.query(Double.class)
			.single();
	}

	/** Customers per CLV bin [k·width, (k+1)·width), the largest in the last bin. */
	public List<Long> clvHistogram(long fitId, double width, int bins) {
		long[] counts = new long[bins];
		this.jdbc.sql("""
				select cast(least(greatest(floor(clv / :width), 0), :last) as integer) as bin, count(*)
				from segmentation.clv_prediction where fit_id = :fitId group by 1
				""").param("fitId", fitId).param("width", width).param("last", bins - 1).query((ResultSet rs) -> {
			counts[Math.max(0, rs.getInt(1))] = rs.getLong(2);
		});
		List<Long> list = new ArrayList<>();
		for (long c : counts) {
			list.add(c);
		}
		return list;
	}

	/**
	 * Actual cumulative repeat purchases of the fit's customers in weeks 1..weeks after
	 * calibrationEnd: purchase days (orders with amount ≥ 0, shop zone) in
	 * (calibrationEnd, calibrationEnd + 7·w].
	 */
	public List<Long> holdoutActual(long fitId, LocalDate calibrationEnd, ZoneId zone, int weeks) {
		Instant from = calibrationEnd.plusDays(1).atStartOfDay(zone).toInstant();
		Instant to = calibrationEnd.plusDays(1 + 7L * weeks).atStartOfDay(zone).toInstant();
		long[] perWeek = new long[weeks];
		this.jdbc.sql("""
				select (day - cast(:calibrationEnd as date) - 1) / 7 as week, count(*) from (
					select distinct o.customer_id, cast(timezone(:zone, o.ordered_at) as date) as day
					from domain.v_order o
					join segmentation.clv_prediction p on p.customer_id = o.customer_id and p.fit_id = :fitId
					where o.amount >= 0 and o.ordered_at >= :from and o.ordered_at < :to
				) d
				group by 1
				""")
			.param("calibrationEnd", calibrationEnd)
			.param("zone", zone.getId())
			.param("fitId", fitId)
			.param("from", from.atOffset(ZoneOffset.UTC))
			.param("to", to.atOffset(ZoneOffset.UTC))
			.query((ResultSet rs) -> {
				int week = rs.getInt(1);
				if (week >= 0 && week < weeks) {
					perWeek[week] = rs.getLong(2);
				}
			});
		List<Long> cumulative = new ArrayList<>();
		long sum = 0;
		for (long c : perWeek) {
			sum += c;
			cumulative.add(sum);
		}
		return cumulative;
	}

	private static ClvPrediction prediction(ResultSet rs, int row) throws SQLException {
		return new ClvPrediction(rs.getLong("fit_id"), rs.getString("external_id"), rs.getInt("frequency"),
				rs.getDouble("recency"), rs.getDouble("t"), rs.getDouble("p_alive"), rs.getDouble("expected_purchases"),
				rs.getDouble("expected_spend"), rs.getDouble("clv"));
	}

	private static ClvFit fit(ResultSet rs, int row) throws SQLException {
		double p = rs.getDouble("p");
		ClvFit.GammaGammaParameters gg = rs.wasNull() ? null : new ClvFit.GammaGammaParameters(p, rs.getDouble("q"),
				rs.getDouble("gamma"), rs.getDouble("gamma_gamma_log_likelihood"));
		Array array = rs.getArray("holdout_predicted");
		List<Double> holdout = new ArrayList<>();
		for (Object value : (Object[]) array.getArray()) {
			holdout.add(((Number) value).doubleValue());
		}
		return new ClvFit(rs.getLong("id"), rs.getObject("calibration_end", LocalDate.class),
				ClvTimeUnit.valueOf(rs.getString("time_unit")), rs.getInt("horizon"), rs.getInt("customers"),
				rs.getInt("repeaters"),
				new ClvFit.BgNbdParameters(rs.getDouble("r"), rs.getDouble("alpha"), rs.getDouble("a"),
						rs.getDouble("b"), rs.getDouble("bgnbd_log_likelihood")),
				gg, rs.getTimestamp("created_at").toInstant(), holdout,
				List.of((String[]) rs.getArray("boundary").getArray()));
	}

	// an amount in cents as a decimal with two places, without BigDecimal per row
	private static void appendCents(StringBuilder rows, long cents) {
		if (cents < 0) {
			rows.append('-');
			cents = -cents;
		}
		long fraction = cents % 100;
		rows.append(cents / 100).append('.').append((char) ('0' + fraction / 10)).append((char) ('0' + fraction % 10));
	}

	private static Object nullIfNaN(double value) {
		return Double.isNaN(value) ? null : value;
	}

}
