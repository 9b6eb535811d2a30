package io.mawasu.crm.segmentation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

import io.mawasu.crm.SegmentationTestApplication;
import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.rule.CompiledRule;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test (excluded from {@code verify}; run by {@code scripts/bench-segment.sh}): on
 * a scratch database with 1M customers and 10M orders, times the count of a
 * four-condition rule compiled by {@link Segments} against the same count written by
 * hand, and the live count with reach as the builder asks for it.
 */
@SpringBootTest(classes = SegmentationTestApplication.class)
class SegmentCountBenchmark {

	static final int CUSTOMERS = Integer.getInteger("bench.customers", 1_000_000);

	static final int ORDERS = Integer.getInteger("bench.orders", 10_000_000);

	static final int RUNS = Integer.getInteger("bench.runs", 9);

	static final String RULE = """
			{"all":[{"field":"prefecture","op":"in","value":["東京都","大阪府","神奈川県"]},
			{"field":"age","op":"between","value":[30,49]},
			{"field":"recencyDays","op":"lte","value":90},
			{"field":"monetary","op":"gte","value":10000}]}""";

	@Autowired
	Segments segments;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ShopProperties shop;

	@Test
	void compiledCountAgainstHandWrittenSql() throws IOException {
		generate();
		SegmentRule rule = SegmentRule.parse(RULE);
		CompiledRule compiled = this.segments.compile(rule);
		String compiledSql = "select count(*) " + compiled.fromWhere();

		ZoneId zone = this.shop.timeZone();
		LocalDate today = LocalDate.now(zone);
		// The hand-written query: inner join (monetary >= 10000 needs a summary row),
		// ages
		// and recency as plain ranges of the stored columns.
		String handSql = """
				select count(*) from domain.customer c join domain.customer_summary s on s.customer_id = c.id
				where c.prefecture in ('東京都', '大阪府', '神奈川県')
				and c.birth_date > :bornAfter and c.birth_date <= :bornBy
				and s.last_positive_ordered_at >= :recentFrom
				and s.total_spent >= 10000
				""";
		LongSupplier compiledCount = () -> this.jdbc.sql(compiledSql)
			.params(compiled.parameters())
			.query(Long.class)
			.single();
		LongSupplier handCount = () -> this.jdbc.sql(handSql)
			.param("bornAfter", today.minusYears(50))
			.param("bornBy", today.minusYears(30))
			.param("recentFrom", ZonedDateTime.of(today.minusDays(90).atStartOfDay(), zone).toOffsetDateTime())
			.query(Long.class)
			.single();
		assertThat(compiledCount.getAsLong()).isEqualTo(handCount.getAsLong());

		List<Long> compiledMs = new ArrayList<>();
		List<Long> handMs = new ArrayList<>();
		List<Long> liveMs = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < RUNS + 2; i++) {
			long c = time(compiledCount);
			long h = time(handCount);
			long live = time(() -> this.segments.count(rule).size());
			if (i >= 2) {
				compiledMs.add(c);
				handMs.add(h);
				liveMs.add(live);
				ratios.add((double) c / h);
			}
		}
		String plan = String.join("\n",
				this.jdbc.sql("explain (analyze, buffers off) " + compiledSql)
					.params(compiled.parameters())
					.query(String.class)
					.list());
		String report = String.format("""
				segment count benchmark: %d customers, %d orders, %d paired runs
				rule: %s
				size: %d
				compiled count median: %d ms
				hand-written count median: %d ms
				c/hand median ratio: %.2f (goal <= 1.2), p90 %.2f
				live count with reach (builder) median: %d ms, max %d ms (goal < 1000 ms)
				compiled plan:
				%s
				""", count("domain.customer"), count("domain.orders"), RUNS, RULE.replace("\n", ""),
				compiledCount.getAsLong(), median(compiledMs), median(handMs), medianDouble(ratios),
				percentile(ratios, 0.9), median(liveMs), Collections.max(liveMs), plan);
		System.out.println(report);
		Files.writeString(Path.of("target", "bench-segment.txt"), report);
	}

	private void generate() {
		long customers = count("domain.customer");
		if (customers >= CUSTOMERS && count("domain.customer_summary") > 0) {
			return;
		}
		System.out.println("Generating " + CUSTOMERS + " customers and " + ORDERS + " orders…");
		this.jdbc.sql("truncate domain.customer cascade").update();
		this.jdbc.sql("""
				insert into domain.customer (external_id, name, email, phone, line_user_id, gender, birth_date,
					prefecture, city, tags, registered_at)
				select 'b' || g, 'Customer ' || g, 'c' || g || '@example.jp',
					case when g % 3 = 0 then '090' || lpad((g % 100000000)::text, 8, '0') end,
					case when g % 2 = 0 then 'U' || g end,
					(array['F', 'M', 'O'])[1 + g % 3],
					date '1946-01-01' + cast((g::bigint * 7919) % 22000 as integer),
					(array['東京都', '東京都', '大阪府', '神奈川県', '愛知県', '埼玉県', '千葉県', '兵庫県', '福岡県', '北海道',
						'京都府', '静岡県'])[1 + (g * 31) % 12],
					'city' || (g % 500),
					case when g % 10 = 0 then '{vip}'::text[] else '{}'::text[] end,
					now() - ((g % 2000) * interval '1 day')
				from generate_series(1, cast(:n as integer)) g
				""").param("n", CUSTOMERS).update();
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount, category, brand)
				select 'o' || g, m.min_id + (g::bigint * 48271) % :customers,
					now() - (((g::bigint * 13) % 1095) * interval '1 day') - ((g % 86400) * interval '1 second'),
					case when g % 50 = 0 then -1000 else 500 + (g * 37) % 20000 end,
					(array['shoes', 'bags', 'tops', 'food', 'books'])[1 + g % 5],
					(array['Acme', 'Mawasu', 'Other'])[1 + g % 3]
				from generate_series(1, cast(:n as integer)) g, (select min(id) as min_id from domain.customer) m
				where (g::bigint * 48271) % :customers < :existing
				""")
			.param("customers", (long) (CUSTOMERS * 1.05))
			.param("existing", (long) CUSTOMERS)
			.param("n", (long) (ORDERS * 1.05))
			.update();
		this.jdbc.sql("""
				insert into domain.customer_summary (customer_id, first_ordered_at, last_ordered_at,
					last_positive_ordered_at, order_count, positive_order_count, total_spent)
				select customer_id, min(ordered_at), max(ordered_at), max(ordered_at) filter (where amount > 0),
					count(*), count(*) filter (where amount > 0), sum(amount)
				from domain.orders group by customer_id
				""").update();
		this.jdbc.sql("""
				insert into domain.consent (customer_id, channel, status, changed_at, source)
				select id, ch, case when id % 10 = 0 then 'OPT_OUT' else 'OPT_IN' end, now(), 'bench'
				from domain.customer, unnest(array['EMAIL', 'LINE', 'SMS']) ch where id % 5 <> 0
				""").update();
		this.jdbc.sql("""
				insert into domain.suppression (channel, address, reason)
				select 'EMAIL', email, 'bounce' from domain.customer where id % 97 = 0
				""").update();
		this.jdbc.sql("analyze").update();
	}

	private long count(String table) {
		// The table name is one of the constants above, never input.
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private static long time(LongSupplier query) {
		long start = System.nanoTime();
		query.getAsLong();
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private static double medianDouble(List<Double> values) {
		return percentile(values, 0.5);
	}

	private static double percentile(List<Double> values, double p) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
	}

}
