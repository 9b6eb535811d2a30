package io.mawasu.crm.segmentation;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.mawasu.crm.SegmentationTestApplication;
import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.testing.RepositoryData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The analyses on real data nobody on the team wrote: the CDNOW 1/10 sample
 * ({@code data/cdnow/CDNOW_sample.txt} in the repository, 2,357 customers who first
 * bought in Q1 1997, 6,919 purchases to June 1998). Each line becomes one order (external
 * id {@code customer_date_seq}, amount = dollar value, date = midnight in the shop's
 * zone), loaded with COPY. Every expected figure is computed here from the file itself.
 */
@SpringBootTest(classes = SegmentationTestApplication.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowSampleIntegrationTests {

	static final String SAMPLE = "cdnow/CDNOW_sample.txt";

	@Autowired
	Analyses analyses;

	@Autowired
	DataSource dataSource;

	@Autowired
	ClvFits clvFits;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ShopProperties shop;

	record Purchase(String customer, LocalDate day, BigDecimal dollars) {
	}

	List<Purchase> purchases = new ArrayList<>();

	@BeforeAll
	void load() throws IOException, SQLException {
		for (String line : Files.readAllLines(locate(), StandardCharsets.US_ASCII)) {
			String[] fields = line.strip().split("\\s+");
			if (fields.length == 5) {
				this.purchases.add(new Purchase(fields[0], LocalDate.parse(fields[2], DateTimeFormatter.BASIC_ISO_DATE),
						new BigDecimal(fields[4])));
			}
		}
		StringBuilder customers = new StringBuilder();
		this.purchases.stream()
			.map(Purchase::customer)
			.distinct()
			.forEach((id) -> customers.append("cdnow-").append(id).append('\n'));
		StringBuilder orders = new StringBuilder();
		Map<String, Integer> sequence = new HashMap<>();
		for (Purchase p : this.purchases) {
			String key = p.customer() + "_" + p.day().format(DateTimeFormatter.BASIC_ISO_DATE);
			int seq = sequence.merge(key, 1, Integer::sum);
			orders.append("cdnow-")
				.append(key)
				.append('_')
				.append(seq)
				.append(",cdnow-")
				.append(p.customer())
				.append(',')
				.append(p.day())
				.append(',')
				.append(p.dollars().toPlainString())
				.append('\n');
		}
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("truncate domain.orders, domain.customer cascade");
			statement.execute("create temporary table cdnow_order (external_id text, customer_external_id text, "
					+ "ordered_on date, amount numeric(14, 2))");
			PGConnection pg = connection.unwrap(PGConnection.class);
			pg.getCopyAPI()
				.copyIn("copy domain.customer (external_id) from stdin (format csv)",
						new StringReader(customers.toString()));
			pg.getCopyAPI().copyIn("copy cdnow_order from stdin (format csv)", new StringReader(orders.toString()));
			statement.execute("""
					insert into domain.orders (external_id, customer_id, ordered_at, amount, currency)
					select o.external_id, c.id, o.ordered_on::timestamp at time zone '%s', o.amount, 'USD'
					from cdnow_order o join domain.customer c on c.external_id = o.customer_external_id
					""".formatted(this.shop.timeZone().getId().replace("'", "")));
			statement.execute("drop table cdnow_order");
		}
	}

	static Path locate() {
		return RepositoryData.file(SAMPLE);
	}

	@Test
	void clvFitsKeepThePredictionsOfTheNewestThreeInTheirOwnPartitions() {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < ClvFits.KEEP_PREDICTIONS + 1; i++) {
			ClvFit fit = this.clvFits.fit(new ClvFitRequest(LocalDate.of(1997, 9, 30), ClvTimeUnit.WEEK, 52));
			assertThat(fit.customers()).isEqualTo(2357);
			assertThat(fit.boundary()).isEmpty();
			ids.add(fit.id());
		}
		assertThat(this.clvFits.hasPredictions(ids.get(0))).isFalse();
		assertThat(partition(ids.get(0))).isNull();
		for (long id : ids.subList(1, ids.size())) {
			assertThat(this.clvFits.hasPredictions(id)).isTrue();
			assertThat(partition(id)).isEqualTo("segmentation.clv_prediction_" + id);
			assertThat(this.jdbc.sql("select count(*) from segmentation.clv_prediction where fit_id = :id")
				.param("id", id)
				.query(Long.class)
				.single()).isEqualTo(2357);
		}
	}

	private String partition(long fitId) {
		return this.jdbc.sql("select cast(to_regclass(:name) as text)")
			.param("name", "segmentation.clv_prediction_" + fitId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	@Test
	void theSampleHasItsPublishedSize() {
		assertThat(this.purchases).hasSize(6_919);
		assertThat(this.purchases.stream().map(Purchase::customer).distinct()).hasSize(2_357);
	}

	@Test
	void decilesOfTheWholeLogAddUpToTheFile() {
		Map<String, BigDecimal> spend = new HashMap<>();
		this.purchases.forEach((p) -> spend.merge(p.customer(), p.dollars(), BigDecimal::add));
		BigDecimal total = this.purchases.stream().map(Purchase::dollars).reduce(BigDecimal.ZERO, BigDecimal::add);
		long spenders = spend.values().stream().filter((s) -> s.signum() > 0).count();
		BigDecimal topTenth = spend.values()
			.stream()
			.sorted(Comparator.reverseOrder())
			.limit((spenders + 9) / 10)
			.reduce(BigDecimal.ZERO, BigDecimal::add);

		DecileAnalysis result = this.analyses.decile(LocalDate.of(1997, 1, 1), LocalDate.of(1998, 6, 30));

		assertThat(result.revenue()).isEqualByComparingTo(total);
		assertThat(result.customers()).isEqualTo(spenders);
		assertThat(result.deciles()).hasSize(10);
		assertThat(result.deciles())
			.allSatisfy((d) -> assertThat(d.customers()).isBetween(spenders / 10, (spenders + 9) / 10));
		assertThat(result.deciles().stream().mapToDouble(DecileAnalysis.Decile::share).sum()).isCloseTo(1.0,
				within(1e-9));
		assertThat(result.deciles().get(9).cumulativeShare()).isCloseTo(1.0, within(1e-9));
		assertThat(result.deciles().get(0).revenue()).isEqualByComparingTo(topTenth);
	}

	@Test
	void paretoOfCustomersCoversTheFileRevenue() {
		BigDecimal total = this.purchases.stream().map(Purchase::dollars).reduce(BigDecimal.ZERO, BigDecimal::add);

		ParetoAnalysis result = this.analyses.pareto(ParetoBy.CUSTOMER, LocalDate.of(1997, 1, 1),
				LocalDate.of(1998, 6, 30), 70, 90, 10);

		assertThat(result.revenue()).isEqualByComparingTo(total);
		assertThat(result.classes().get(0).share()).isGreaterThanOrEqualTo(0.7);
		assertThat(result.classes().get(0).share() + result.classes().get(1).share()).isGreaterThanOrEqualTo(0.9);
		assertThat(result.curve()).hasSize(100);
		assertThat(result.top().get(0).key()).startsWith("cdnow-");
	}

	@Test
	void allFirstPurchasesFallInTheFirstQuarterOf1997() {
		Map<String, List<LocalDate>> positive = new TreeMap<>();
		this.purchases.stream()
			.filter((p) -> p.dollars().signum() > 0)
			.sorted(Comparator.comparing(Purchase::day))
			.forEach((p) -> positive.computeIfAbsent(p.customer(), (c) -> new ArrayList<>()).add(p.day()));
		List<Long> days = positive.values()
			.stream()
			.filter((d) -> d.size() > 1)
			.map((d) -> ChronoUnit.DAYS.between(d.get(0), d.get(1)))
			.sorted()
			.toList();
		double median = (days.size() % 2 == 1) ? days.get(days.size() / 2)
				: (days.get(days.size() / 2 - 1) + days.get(days.size() / 2)) / 2.0;
		long within90 = days.stream().filter((d) -> d <= 90).count();

		F2Analysis f2 = this.analyses.f2(null, null);
		RetentionAnalysis retention = this.analyses.retention(null, null);

		assertThat(f2.cohorts()).extracting(F2Analysis.Cohort::cohort).containsExactly("1997-01", "1997-02", "1997-03");
		assertThat(f2.total().customers()).isEqualTo(positive.size());
		assertThat(f2.total().repeaters()).isEqualTo(days.size());
		assertThat(f2.total().within90()).isEqualTo(within90);
		assertThat(f2.total().medianDaysToSecond()).isEqualTo(median);
		assertThat(retention.cohorts()).extracting(RetentionAnalysis.Cohort::cohort)
			.containsExactly("1997-01", "1997-02", "1997-03");
		assertThat(retention.cohorts().stream().mapToLong(RetentionAnalysis.Cohort::customers).sum())
			.isEqualTo(positive.size());
		assertThat(retention.cohorts()).allSatisfy((c) -> assertThat(c.shares()).doesNotContainNull());
	}

}
