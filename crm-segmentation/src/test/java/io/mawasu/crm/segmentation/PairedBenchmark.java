package io.mawasu.crm.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What {@link RfmBenchmark} and {@link ClvBenchmark} share: the scratch database that
 * {@code scripts/bench/orders-db.sh} prepares, and paired rounds of (a) the bare
 * per-customer aggregate over the orders written to an unlogged table against (b) the
 * work measured, alternating which runs first, printing each ratio b/a and the median.
 * <p>
 * System properties: {@code crm.bench.url} (default
 * {@code jdbc:postgresql://localhost:5432/<default database>}), {@code crm.bench.user}
 * ({@code postgres}), {@code crm.bench.password} (empty), {@code crm.bench.rounds} (3).
 */
final class PairedBenchmark {

	static final String AGGREGATE = """
			create unlogged table bench_aggregate as
			select customer_id, max(ordered_at), count(*), sum(amount) from domain.orders group by customer_id
			""";

	final DriverManagerDataSource dataSource;

	final JdbcClient jdbc;

	final DataSourceTransactionManager transactionManager;

	private final TransactionTemplate transactions;

	PairedBenchmark(String defaultDatabase) {
		this.dataSource = new DriverManagerDataSource(
				System.getProperty("crm.bench.url", "jdbc:postgresql://localhost:5432/" + defaultDatabase),
				System.getProperty("crm.bench.user", "postgres"), System.getProperty("crm.bench.password", ""));
		this.jdbc = JdbcClient.create(this.dataSource);
		this.transactionManager = new DataSourceTransactionManager(this.dataSource);
		this.transactions = new TransactionTemplate(this.transactionManager);
	}

	/**
	 * Prints "{title}: customers, orders, rounds", then per round "(a) bare aggregate …,
	 * (b) {work} …, b/a = …" and finally "median b/a = … (goal &lt;= {goal})".
	 * @param work times one run of the work measured, in seconds
	 */
	void run(String title, String workName, String goal, DoubleSupplier work) {
		int rounds = Integer.getInteger("crm.bench.rounds", 3);
		long orders = this.jdbc.sql("select count(*) from domain.orders").query(Long.class).single();
		long customers = this.jdbc.sql("select count(*) from domain.customer").query(Long.class).single();
		System.out.printf("%s: %,d customers, %,d orders, %d paired rounds%n", title, customers, orders, rounds);
		List<Double> ratios = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			double aggregate;
			double measured;
			if (round % 2 == 1) {
				aggregate = timeAggregate();
				measured = work.getAsDouble();
			}
			else {
				measured = work.getAsDouble();
				aggregate = timeAggregate();
			}
			ratios.add(measured / aggregate);
			System.out.printf("round %d: (a) bare aggregate %.2f s, (b) %s %.2f s, b/a = %.2f%n", round, aggregate,
					workName, measured, measured / aggregate);
		}
		ratios.sort(Double::compare);
		System.out.printf("median b/a = %.2f (goal <= %s)%n", ratios.get(ratios.size() / 2), goal);
	}

	private double timeAggregate() {
		this.jdbc.sql("drop table if exists bench_aggregate").update();
		long start = System.nanoTime();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("set local work_mem = '256MB'").update();
			this.jdbc.sql(AGGREGATE).update();
		});
		double seconds = (System.nanoTime() - start) / 1e9;
		this.jdbc.sql("drop table bench_aggregate").update();
		return seconds;
	}

}
