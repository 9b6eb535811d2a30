package io.mawasu.crm.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.SegmentationTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins RFM scoring on a small dataset whose scores are worked out by hand (shop zone
 * Asia/Tokyo, as of 2026-11-01):
 *
 * <pre>
 * customer  positive orders (JST)                 returns   recency  freq  monetary
 * A         10-31 10000, 09-01 5000                           1       2     15000
 * B         10-01 3000                                        31      1      3000
 * C         11-01 23:30 2000 (11-02 00:10 99999 is after)     0       1      2000
 * D         06-01, 07-01, 08-01 8000 each         08-05 -4000 92      3     20000
 * E         10-01 3000                                        31      1      3000
 * F         -                                     10-01 -1000 not scored
 * G         no orders                                         not scored
 * H         11-05 5000 (after the as-of date)                 not scored
 * </pre>
 *
 * QUANTILE over n = 5: percent_rank = (rank - 1) / 4, score = least(5, 1 + floor(5 *
 * percent_rank)). Recency descending: D 92 (rank 1), B = E 31 (rank 2), A 1 (rank 4), C 0
 * (rank 5) gives r = 1, 2, 2, 4, 5. Frequency ascending: B = C = E 1 (rank 1), A 2 (rank
 * 4), D 3 (rank 5) gives f = 1, 1, 1, 4, 5. Monetary ascending: C (rank 1), B = E (rank
 * 2), A (rank 4), D (rank 5) gives m = 1, 2, 2, 4, 5.
 */
@SpringBootTest(classes = SegmentationTestApplication.class)
class RfmRunsIntegrationTests {

	static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

	static final RfmCuts CUTS = new RfmCuts(RfmCutsTests.RECENCY, RfmCutsTests.FREQUENCY, RfmCutsTests.MONETARY);

	@Autowired
	RfmRuns runs;

	@Autowired
	RfmSegments segments;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void dataset() {
		this.jdbc.sql("truncate domain.customer, segmentation.rfm_run, segmentation.rfm_score cascade").update();
		for (String id : List.of("A", "B", "C", "D", "E", "F", "G", "H")) {
			this.jdbc.sql("insert into domain.customer (external_id) values (:id)").param("id", "rfm-" + id).update();
		}
		order("A", "2026-10-31 10:00", "10000");
		order("A", "2026-09-01 12:00", "5000");
		order("B", "2026-10-01 09:00", "3000");
		order("C", "2026-11-01 23:30", "2000");
		order("C", "2026-11-02 00:10", "99999");
		order("D", "2026-06-01 10:00", "8000");
		order("D", "2026-07-01 10:00", "8000");
		order("D", "2026-08-01 10:00", "8000");
		order("D", "2026-08-05 10:00", "-4000");
		order("E", "2026-10-01 18:00", "3000");
		order("F", "2026-10-01 10:00", "-1000");
		order("H", "2026-11-05 10:00", "5000");
	}

	private int orderNumber;

	private void order(String customer, String tokyoTime, String amount) {
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount)
				select :external, id, cast(:at as timestamp) at time zone 'Asia/Tokyo', :amount
				from domain.customer where external_id = :customer
				""")
			.param("external", "rfm-order-" + (++this.orderNumber))
			.param("customer", "rfm-" + customer)
			.param("at", tokyoTime)
			.param("amount", new BigDecimal(amount))
			.update();
	}

	@Test
	void quantileScoresMatchTheHandComputedValues() {
		RfmRun run = this.runs.start(new RfmRunRequest(AS_OF, null, null, null));

		assertThat(run.status()).isEqualTo(RfmRunStatus.DONE);
		assertThat(run.method()).isEqualTo(RfmMethod.QUANTILE);
		assertThat(run.asOf()).isEqualTo(AS_OF);
		assertThat(run.customers()).isEqualTo(5);
		assertThat(run.noPurchase()).isEqualTo(3);
		Map<String, RfmScore> scores = scores(run.id());
		assertThat(scores).containsOnlyKeys("rfm-A", "rfm-B", "rfm-C", "rfm-D", "rfm-E");
		assertThat(scores.get("rfm-A")).isEqualTo(score(1, 2, "15000.00", 4, 4, 4, "loyal"));
		assertThat(scores.get("rfm-B")).isEqualTo(score(31, 1, "3000.00", 2, 1, 2, "about_to_sleep"));
		assertThat(scores.get("rfm-C")).isEqualTo(score(0, 1, "2000.00", 5, 1, 1, "new"));
		assertThat(scores.get("rfm-D")).isEqualTo(score(92, 3, "20000.00", 1, 5, 5, "cant_lose"));
		assertThat(scores.get("rfm-E")).isEqualTo(score(31, 1, "3000.00", 2, 1, 2, "about_to_sleep"));
		assertThat(run.segments()).containsEntry("loyal", 1L)
			.containsEntry("about_to_sleep", 2L)
			.containsEntry("new", 1L)
			.containsEntry("cant_lose", 1L)
			.containsEntry("champions", 0L)
			.hasSize(11);
	}

	@Test
	void quantileRunWithFrequencyCutsScoresFByTheCutsAndRAndMByRank() {
		RfmRun run = this.runs
			.start(new RfmRunRequest(AS_OF, RfmMethod.QUANTILE, null, null, RfmCutsTests.numbers(2, 3, 5, 10)));

		assertThat(run.method()).isEqualTo(RfmMethod.QUANTILE);
		assertThat(run.cuts()).isNotNull();
		assertThat(run.cuts().frequency()).isEqualTo(RfmCutsTests.numbers(2, 3, 5, 10));
		assertThat(run.cuts().recency()).isNull();
		Map<String, RfmScore> scores = scores(run.id());
		// the same R and M as the plain quantile run above; F = 1 + cut points reached
		assertThat(scores.get("rfm-A")).extracting(RfmScore::r, RfmScore::f, RfmScore::m).containsExactly(4, 2, 4);
		assertThat(scores.get("rfm-B")).extracting(RfmScore::r, RfmScore::f, RfmScore::m).containsExactly(2, 1, 2);
		assertThat(scores.get("rfm-D")).extracting(RfmScore::r, RfmScore::f, RfmScore::m).containsExactly(1, 3, 5);
		assertThat(this.runs.latest().orElseThrow().cuts().frequency()).isEqualTo(RfmCutsTests.numbers(2, 3, 5, 10));
	}

	@Test
	void quantileScoresEqualPercentRankOverEveryBuyer() {
		this.jdbc.sql("""
				insert into domain.customer (external_id) select 'rfm-many-' || i from generate_series(1, 400) i
				""").update();
		this.jdbc.sql("""
				insert into domain.orders (external_id, customer_id, ordered_at, amount)
				select 'rfm-many-order-' || i, c.id,
					timestamptz '2026-11-01 12:00+09' - (i * 7919 % 400) * interval '1 day',
					(i * 104729 % 23) * 500 - 1000
				from generate_series(1, 2000) i
				join domain.customer c on c.external_id = 'rfm-many-' || (1 + i * 31 % 400)
				""").update();

		RfmRun run = this.runs.start(new RfmRunRequest(AS_OF, null, null, null));

		List<String> mismatches = this.jdbc
			.sql("""
					with buyers as (
						select customer_id,
							date '2026-11-01' - cast(max(ordered_at) filter (where amount > 0) at time zone 'Asia/Tokyo' as date) as rd,
							count(*) filter (where amount > 0) as fq, sum(amount) as mo
						from domain.orders where ordered_at < timestamptz '2026-11-02 00:00+09'
						group by customer_id having count(*) filter (where amount > 0) > 0
					), expected as (
						select customer_id,
							least(5, 1 + floor(5 * percent_rank() over (order by rd desc))) as r,
							least(5, 1 + floor(5 * percent_rank() over (order by fq))) as f,
							least(5, 1 + floor(5 * percent_rank() over (order by mo))) as m
						from buyers
					)
					select e.customer_id || ': ' || e.r || e.f || e.m || ' vs ' || coalesce(s.r || '' || s.f || s.m, 'none')
					from expected e
					left join segmentation.rfm_score s on s.customer_id = e.customer_id and s.run_id = :runId
					where s.r is distinct from e.r or s.f is distinct from e.f or s.m is distinct from e.m
					""")
			.param("runId", run.id())
			.query(String.class)
			.list();
		assertThat(run.customers()).isGreaterThan(300);
		assertThat(mismatches).isEmpty();
	}

	@Test
	void thresholdScoresCountTheCutsReached() {
		RfmRun run = this.runs.start(new RfmRunRequest(AS_OF, RfmMethod.THRESHOLD, CUTS, null));

		assertThat(run.cuts()).isEqualTo(new RfmCuts(RfmCutsTests.numbers(30, 90, 180, 365),
				RfmCutsTests.numbers(2, 3, 5, 10), RfmCutsTests.numbers(5000, 10000, 30000, 100000)));
		Map<String, RfmScore> scores = scores(run.id());
		assertThat(scores.get("rfm-A")).isEqualTo(score(1, 2, "15000.00", 5, 2, 3, "potential_loyalists"));
		assertThat(scores.get("rfm-B")).isEqualTo(score(31, 1, "3000.00", 4, 1, 1, "promising"));
		assertThat(scores.get("rfm-C")).isEqualTo(score(0, 1, "2000.00", 5, 1, 1, "new"));
		assertThat(scores.get("rfm-D")).isEqualTo(score(92, 3, "20000.00", 3, 3, 3, "need_attention"));
	}

	@Test
	void thresholdRecencyBoundaryAtThirtyDays() {
		this.jdbc.sql("insert into domain.customer (external_id) values ('rfm-I'), ('rfm-J')").update();
		order("I", "2026-10-02 08:00", "100");
		order("J", "2026-10-03 08:00", "100");

		Map<String, RfmScore> scores = scores(
				this.runs.start(new RfmRunRequest(AS_OF, RfmMethod.THRESHOLD, CUTS, null)).id());

		assertThat(scores.get("rfm-I").recencyDays()).isEqualTo(30);
		assertThat(scores.get("rfm-I").r()).isEqualTo(4);
		assertThat(scores.get("rfm-J").recencyDays()).isEqualTo(29);
		assertThat(scores.get("rfm-J").r()).isEqualTo(5);
	}

	@Test
	void ordersAfterTheAsOfDateAreIgnored() {
		Map<String, RfmScore> earlier = scores(
				this.runs.start(new RfmRunRequest(LocalDate.of(2026, 10, 1), null, null, null)).id());

		assertThat(earlier).containsOnlyKeys("rfm-A", "rfm-B", "rfm-D", "rfm-E");
		assertThat(earlier.get("rfm-A")).extracting(RfmScore::recencyDays, RfmScore::frequency, RfmScore::monetary)
			.containsExactly(30, 1, new BigDecimal("5000.00"));
		assertThat(earlier.get("rfm-B").recencyDays()).isZero();

		Map<String, RfmScore> later = scores(
				this.runs.start(new RfmRunRequest(LocalDate.of(2026, 11, 2), null, null, null)).id());
		assertThat(later.get("rfm-C")).extracting(RfmScore::recencyDays, RfmScore::frequency, RfmScore::monetary)
			.containsExactly(0, 2, new BigDecimal("101999.00"));
	}

	@Test
	void returnsReduceMonetaryButNotFrequency() {
		RfmRun run = this.runs.start(new RfmRunRequest(AS_OF, null, null, null));

		assertThat(scores(run.id()).get("rfm-D")).extracting(RfmScore::frequency, RfmScore::monetary)
			.containsExactly(3, new BigDecimal("20000.00"));
		assertThat(scores(run.id())).doesNotContainKey("rfm-F");
	}

	@Test
	void lookbackWindowLimitsTheOrders() {
		RfmRun run = this.runs.start(new RfmRunRequest(AS_OF, null, null, 60));

		assertThat(run.lookbackDays()).isEqualTo(60);
		Map<String, RfmScore> scores = scores(run.id());
		assertThat(scores).containsOnlyKeys("rfm-A", "rfm-B", "rfm-C", "rfm-E");
		assertThat(scores.get("rfm-A")).extracting(RfmScore::frequency, RfmScore::monetary)
			.containsExactly(1, new BigDecimal("10000.00"));
		assertThat(run.noPurchase()).isEqualTo(4);
	}

	@Test
	void movementMatrixCountsCustomersPerSegmentPairIncludingNotScored() {
		RfmRun first = this.runs.start(new RfmRunRequest(AS_OF, null, null, null));
		// n = 4, percent_rank = (rank - 1) / 3: A r4 f1 m5 (fm 3, loyal); B, E r1 f1 m2
		// (lost);
		// C r5 f1 m1 (new); D not scored.
		RfmRun second = this.runs.start(new RfmRunRequest(AS_OF, null, null, 60));

		assertThat(scores(second.id()).get("rfm-A")).isEqualTo(score(1, 1, "10000.00", 4, 1, 5, "loyal"));
		RfmMovement movement = this.runs.movement(first.id(), second.id());
		assertThat(movement.flows()).containsExactlyInAnyOrder(new RfmMovement.Flow("loyal", "loyal", 1),
				new RfmMovement.Flow("about_to_sleep", "lost", 2), new RfmMovement.Flow("new", "new", 1),
				new RfmMovement.Flow("cant_lose", null, 1));
		assertThat(this.runs.movement(second.id(), first.id()).count(null, "cant_lose")).isEqualTo(1);
	}

	@Test
	void scoreOfReadsTheLatestDoneRun() {
		this.runs.start(new RfmRunRequest(AS_OF, RfmMethod.THRESHOLD, CUTS, null));
		RfmRun latest = this.runs.start(new RfmRunRequest(AS_OF, null, null, null));

		assertThat(this.runs.latest()).map(RfmRun::id).contains(latest.id());
		assertThat(this.runs.scoreOf("rfm-D")).contains(score(92, 3, "20000.00", 1, 5, 5, "cant_lose"));
		assertThat(this.runs.scoreOf("rfm-F")).isEmpty();
		assertThat(this.runs.scoreOf("nobody")).isEmpty();
	}

	@Test
	void distributionSumsCustomersAndRevenue() {
		RfmRun run = this.runs.start(new RfmRunRequest(AS_OF, null, null, null));

		RfmDistribution distribution = this.runs.distribution(run);
		assertThat(distribution).isNotNull();
		assertThat(distribution.customers()).isEqualTo(5);
		assertThat(distribution.revenue()).isEqualByComparingTo("43000");
		assertThat(distribution.cells()).contains(new RfmDistribution.Cell(2, 1, 2, new BigDecimal("6000.00")));
		assertThat(distribution.segments()).hasSize(11)
			.filteredOn((share) -> share.segment().code().equals("about_to_sleep"))
			.singleElement()
			.satisfies((share) -> assertThat(share.customers()).isEqualTo(2));
	}

	@Test
	void onlyOneRunAtATime() {
		long running = this.jdbc.sql(
				"insert into segmentation.rfm_run (as_of, method, status) values (:asOf, 'QUANTILE', 'RUNNING') returning id")
			.param("asOf", AS_OF)
			.query(Long.class)
			.single();

		assertThatThrownBy(() -> this.runs.start(RfmRunRequest.defaults())).isInstanceOf(RfmRunAlreadyRunning.class)
			.hasMessageContaining("RFM run " + running + " is still running");
		assertThat(this.runs.running()).map(RfmRun::id).contains(running);

		this.jdbc.sql("update segmentation.rfm_run set started_at = now() - interval '2 hours' where id = :id")
			.param("id", running)
			.update();
		assertThat(this.runs.start(new RfmRunRequest(AS_OF, null, null, null)).status()).isEqualTo(RfmRunStatus.DONE);
		assertThat(this.runs.find(running)).map(RfmRun::status).contains(RfmRunStatus.FAILED);
	}

	@Test
	void invalidRequestsAreRejectedBeforeAnythingIsStored() {
		assertThatThrownBy(() -> this.runs.start(new RfmRunRequest(AS_OF, RfmMethod.THRESHOLD,
				new RfmCuts(RfmCutsTests.RECENCY, RfmCutsTests.numbers(3, 2, 5, 10), RfmCutsTests.MONETARY), null)))
			.isInstanceOf(InvalidRfmRequest.class)
			.hasMessageContaining("cuts.frequency");
		assertThat(this.runs.recent(10)).isEmpty();
	}

	@Test
	void exportStreamsEveryScoredCustomerByExternalId() {
		RfmRun run = this.runs.start(new RfmRunRequest(AS_OF, null, null, null));
		List<String> ids = new ArrayList<>();

		this.runs.exportScores(run.id(), (line) -> ids.add(line.externalId()));

		assertThat(ids).containsExactly("rfm-A", "rfm-B", "rfm-C", "rfm-D", "rfm-E");
	}

	@Test
	void gridEditsApplyToLaterRuns() {
		RfmRun before = this.runs.start(new RfmRunRequest(AS_OF, null, null, null));
		this.segments.updateGrid(List.of(new RfmGridCell(2, 2, "need_attention")));
		try {
			RfmRun after = this.runs.start(new RfmRunRequest(AS_OF, null, null, null));
			assertThat(scores(after.id()).get("rfm-B").segment()).isEqualTo("need_attention");
			assertThat(scores(before.id()).get("rfm-B").segment()).isEqualTo("about_to_sleep");
			assertThatThrownBy(() -> this.segments.updateGrid(List.of(new RfmGridCell(2, 2, "vip"))))
				.isInstanceOf(InvalidRfmRequest.class)
				.hasMessageContaining("unknown segment 'vip'");
		}
		finally {
			this.segments.updateGrid(List.of(new RfmGridCell(2, 2, "about_to_sleep")));
		}
	}

	private Map<String, RfmScore> scores(long runId) {
		Map<String, RfmScore> scores = new java.util.LinkedHashMap<>();
		this.runs.exportScores(runId, (line) -> scores.put(line.externalId(), line.score()));
		return scores;
	}

	private static RfmScore score(int recencyDays, int frequency, String monetary, int r, int f, int m,
			String segment) {
		return new RfmScore(recencyDays, frequency, new BigDecimal(monetary), r, f, m, segment);
	}

}
