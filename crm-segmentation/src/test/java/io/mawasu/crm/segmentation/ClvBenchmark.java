package io.mawasu.crm.segmentation;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.clv.ClvQueries;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Times a full CLV fit (summary aggregate, both maximum-likelihood fits, predictions,
 * COPY of one row per customer) against the bare per-customer aggregate over the same
 * orders, in paired rounds, and prints each ratio and the median. Not a test: run it
 * through {@code scripts/bench-clv.sh}, which prepares {@code crm_bench_clv}.
 * <p>
 * System properties: {@code crm.bench.url} (default
 * {@code jdbc:postgresql://localhost:5432/crm_bench_clv}), {@code crm.bench.user}
 * ({@code postgres}), {@code crm.bench.password} (empty), {@code crm.bench.rounds} (3).
 */
class ClvBenchmark {

	static final String AGGREGATE = """
			create unlogged table bench_aggregate as
			select customer_id, max(ordered_at), count(*), sum(amount) from domain.orders group by customer_id
			""";

	@Test
	void clvFitVersusBareAggregate() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				System.getProperty("crm.bench.url", "jdbc:postgresql://localhost:5432/crm_bench_clv"),
				System.getProperty("crm.bench.user", "postgres"), System.getProperty("crm.bench.password", ""));
		JdbcClient jdbc = JdbcClient.create(dataSource);
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		ClvFits fits = new ClvFits(new ClvQueries(jdbc, dataSource), transactionManager,
				new ShopProperties(ZoneId.of("Asia/Tokyo"), "JPY"),
				new SegmentationProperties("-", Duration.ofHours(1), "-", "-", Duration.ofHours(2),
						Duration.ofSeconds(60)),
				new StaticListableBeanFactory().getBeanProvider(java.time.Clock.class));
		int rounds = Integer.getInteger("crm.bench.rounds", 3);
		long orders = jdbc.sql("select count(*) from domain.orders").query(Long.class).single();
		long customers = jdbc.sql("select count(*) from domain.customer").query(Long.class).single();
		System.out.printf("CLV benchmark: %,d customers, %,d orders, %d paired rounds%n", customers, orders, rounds);
		List<Double> ratios = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			double aggregate;
			double fit;
			if (round % 2 == 1) {
				aggregate = timeAggregate(jdbc, transactions);
				fit = timeFit(jdbc, fits);
			}
			else {
				fit = timeFit(jdbc, fits);
				aggregate = timeAggregate(jdbc, transactions);
			}
			ratios.add(fit / aggregate);
			System.out.printf("round %d: (a) bare aggregate %.2f s, (b) CLV fit %.2f s, b/a = %.2f%n", round, aggregate,
					fit, fit / aggregate);
		}
		ratios.sort(Double::compare);
		System.out.printf("median b/a = %.2f (goal <= 2)%n", ratios.get(ratios.size() / 2));
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

	private static double timeFit(JdbcClient jdbc, ClvFits fits) {
		long start = System.nanoTime();
		ClvFit fit = fits.fit(ClvFitRequest.defaults());
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("  fit %d: %,d customers, %,d repeaters, r %.4f alpha %.4f a %.4f b %.4f%n", fit.id(),
				fit.customers(), fit.repeaters(), fit.bgnbd().r(), fit.bgnbd().alpha(), fit.bgnbd().a(),
				fit.bgnbd().b());
		jdbc.sql("delete from segmentation.clv_fit where id = :id").param("id", fit.id()).update();
		return seconds;
	}

}
