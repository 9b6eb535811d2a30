package io.mawasu.crm.segmentation;

import java.time.LocalDate;
import java.util.function.Supplier;

import io.mawasu.crm.SegmentationTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Times the four analyses on generated data against the bare PostgreSQL ceiling measured
 * in the same run ({@code GROUP BY customer_id} with {@code sum(amount)} over every
 * order, same {@code work_mem}). Run on demand, never in {@code verify}:
 * {@code ./mvnw -pl crm-segmentation test -Dtest=AnalysesBenchmark
 * -Danalyses.customers=100000 -Danalyses.orders=1000000}.
 */
@SpringBootTest(classes = SegmentationTestApplication.class)
class AnalysesBenchmark {

	@Autowired
	Analyses analyses;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void analysesAgainstTheBareAggregate() {
		int customers = Integer.getInteger("analyses.customers", 100_000);
		int orders = Integer.getInteger("analyses.orders", 1_000_000);
		long generated = time(() -> {
			this.jdbc.sql("truncate domain.orders, domain.customer cascade").update();
			this.jdbc.sql("""
					insert into domain.customer (external_id)
					select 'bench-' || n from generate_series(1, :customers) n
					""").param("customers", customers).update();
			this.jdbc
				.sql("""
						insert into domain.orders (external_id, customer_id, ordered_at, amount, category, brand)
						select 'bench-o' || n, c.min_id + (hashint4(n) & 2147483647) % :customers,
							now() - make_interval(secs => ((hashint4(n * 7) & 2147483647) % (730 * 86400))),
							case when n % 33 = 0 then -1 else 1 end * (500 + (hashint4(n * 13) & 2147483647) % 19500),
							'category-' || (hashint4(n * 17) & 2147483647) % 50, 'brand-' || (hashint4(n * 19) & 2147483647) % 200
						from generate_series(1, :orders) n, (select min(id) as min_id from domain.customer) c
						""")
				.param("customers", customers)
				.param("orders", orders)
				.update();
			this.jdbc.sql("analyze domain.orders").update();
			this.jdbc.sql("analyze domain.customer").update();
			return null;
		});
		System.out.printf("generated %,d customers and %,d orders in %,d ms%n", customers, orders, generated);
		long ceiling = best(() -> this.transactions.execute((status) -> {
			this.jdbc.sql("set local work_mem = '256MB'").update();
			return this.jdbc
				.sql("select count(*) from (select customer_id, sum(amount) from domain.orders "
						+ "group by customer_id) s")
				.query(Long.class)
				.single();
		}));
		LocalDate to = LocalDate.now();
		LocalDate from = to.minusYears(1).plusDays(1);
		report("ceiling (group by customer_id, sum)", ceiling, ceiling);
		report("decile (last 12 months)", best(() -> this.analyses.decile(from, to)), ceiling);
		report("pareto by customer", best(() -> this.analyses.pareto(ParetoBy.CUSTOMER, from, to, 70, 90, 50)),
				ceiling);
		report("pareto by category", best(() -> this.analyses.pareto(ParetoBy.CATEGORY, from, to, 70, 90, 50)),
				ceiling);
		report("f2 (all cohorts)", best(() -> this.analyses.f2(null, null)), ceiling);
		report("retention (all cohorts)", best(() -> this.analyses.retention(null, null)), ceiling);
	}

	private static void report(String name, long millis, long ceiling) {
		System.out.printf("%-40s %,8d ms  %5.2f x ceiling%n", name, millis, (double) millis / ceiling);
	}

	private static long best(Supplier<?> work) {
		return Math.min(time(work), time(work));
	}

	private static long time(Supplier<?> work) {
		long start = System.nanoTime();
		work.get();
		return (System.nanoTime() - start) / 1_000_000;
	}

}
