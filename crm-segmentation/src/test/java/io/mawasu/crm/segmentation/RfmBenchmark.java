package io.mawasu.crm.segmentation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.rfm.RfmQueries;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.util.unit.DataSize;

/**
 * Times a full RFM run against the bare per-customer aggregate over the same orders, in
 * paired rounds ({@link PairedBenchmark}). Not a test: run it through
 * {@code scripts/bench-rfm.sh}, which prepares {@code crm_bench_rfm}.
 */
class RfmBenchmark {

	@Test
	void rfmRunVersusBareAggregate() {
		PairedBenchmark bench = new PairedBenchmark("crm_bench_rfm");
		RfmRuns runs = new RfmRuns(
				new RfmQueries(bench.jdbc, bench.dataSource), bench.transactionManager, new SyncTaskExecutor(),
				new ShopProperties(ZoneId.of("Asia/Tokyo"), "JPY"), new SegmentationProperties("-", Duration.ofHours(1),
						"-", "-", Duration.ofMinutes(30), Duration.ofHours(1), DataSize.ofGigabytes(1)),
				Clock.systemUTC());
		bench.run("RFM benchmark", "RFM run", "1.5", () -> {
			long start = System.nanoTime();
			RfmRun run = runs.start(new RfmRunRequest(LocalDate.now(ZoneId.of("Asia/Tokyo")), null, null, null));
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("  run %d scored %,d customers (%,d without a purchase)%n", run.id(), run.customers(),
					run.noPurchase());
			bench.jdbc.sql("drop table segmentation.rfm_score_" + run.id()).update();
			bench.jdbc.sql("delete from segmentation.rfm_run where id = :id").param("id", run.id()).update();
			return seconds;
		});
	}

}
