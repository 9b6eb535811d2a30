package io.mawasu.crm.segmentation;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.rfm.RfmQueries;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Times a full RFM run against the bare per-customer aggregate over the same orders, in
 * paired rounds on the benchmark database, and prints each ratio and the median. Not a
 * test: run it through {@code scripts/bench-rfm.sh}, which prepares
 * {@code crm_bench_rfm}.
 * <p>
 * System properties: {@code crm.bench.url} (default
 * {@code jdbc:postgresql://localhost:5432/crm_bench_rfm}), {@code crm.bench.user}
 * ({@code postgres}), {@code crm.bench.password} (empty), {@code crm.bench.rounds} (3).
 */
class RfmBenchmark {

	static final String AGGREGATE = """
			create unlogged table bench_aggregate as
			select customer_id, max(ordered_at), count(*), sum(amount) from domain.orders group by customer_id
			""";

	@Test
	void rfmRunVersusBareAggregate() {
		main(new String[0]);
	}

	public static void main(String[] args) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				System.getProperty("crm.bench.url", "jdbc:postgresql://localhost:5432/crm_bench_rfm"),
				System.getProperty("crm.bench.user", "postgres"), System.getProperty("crm.bench.password", ""));
		JdbcClient jdbc = JdbcClient.create(dataSource);
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		RfmQueries queries = new RfmQueries(jdbc, dataSource);
		RfmRuns runs = new RfmRuns(queries, transactionManager, new SyncTaskExecutor(),
				new ShopProperties(ZoneId.of("Asia/Tokyo"), "JPY"),
				new SegmentationProperties("-", Duration.ofHours(1), "-", "-", Duration.ofMinutes(30)));
		int rounds = Integer.getInteger("crm.bench.rounds", 3);
		long orders = jdbc.sql("select count(*) from domain.orders").query(Long.class).single();
		long customers = jdbc.sql("select count(*) from domain.customer").query(Long.class).single();
		System.out.printf("RFM benchmark: %,d customers, %,d orders, %d paired rounds%n", customers, orders, rounds);

		List<Double> ratios = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			double aggregate;
			double rfm;
			if (round % 2 == 1) {
				aggregate = timeAggregate(jdbc, transactions);
				rfm = timeRun(jdbc, runs);
			}
			else {
				rfm = timeRun(jdbc, runs);
				aggregate = timeAggregate(jdbc, transactions);
			}
			ratios.add(rfm / aggregate);
			System.out.printf("round %d: (a) bare aggregate %.2f s, (b) RFM run %.2f s, b/a = %.2f%n", round, aggregate,
					rfm, rfm / aggregate);
		}
		ratios.sort(Double::compare);
		System.out.printf("median b/a = %.2f (goal <= 1.5)%n", ratios.get(ratios.size() / 2));
	}

	private static double timeAggregate(JdbcClient jdbc, TransactionTemplate transactions) {
		jdbc.sql("drop table if exists bench_aggregate").update();
		long start = System.nanoTime();
		transactions.executeWithoutResult((status) -> {
			jdbc.sql("set local work_mem = '256MB'").update();
			jdbc.sql(AGGREGATE).update();
		});
		double seconds = (System.nanoTime() - start) / 1e9;
		jdbc.sql("drop table bench_aggregate").update();
		return seconds;
	}

	private static double timeRun(JdbcClient jdbc, RfmRuns runs) {
		long start = System.nanoTime();
		RfmRun run = runs.start(new RfmRunRequest(LocalDate.now(ZoneId.of("Asia/Tokyo")), null, null, null));
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("  run %d scored %,d customers (%,d without a purchase)%n", run.id(), run.customers(),
				run.noPurchase());
		jdbc.sql("drop table segmentation.rfm_score_" + run.id()).update();
		jdbc.sql("delete from segmentation.rfm_run where id = :id").param("id", run.id()).update();
		return seconds;
	}

}
