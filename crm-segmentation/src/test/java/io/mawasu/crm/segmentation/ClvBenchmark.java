package io.mawasu.crm.segmentation;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import io.mawasu.crm.domain.customer.ShopProperties;
import io.mawasu.crm.segmentation.clv.ClvQueries;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

/**
 * Times a full CLV fit (summary aggregate, both maximum-likelihood fits, predictions,
 * COPY of one row per customer) against the bare per-customer aggregate over the same
 * orders, in paired rounds ({@link PairedBenchmark}). Not a test: run it through
 * {@code scripts/bench-clv.sh}, which prepares {@code crm_bench_clv}.
 */
class ClvBenchmark {

	@Test
	void clvFitVersusBareAggregate() {
		PairedBenchmark bench = new PairedBenchmark("crm_bench_clv");
		ClvFits fits = new ClvFits(new ClvQueries(bench.jdbc, bench.dataSource), bench.transactionManager,
				new ShopProperties(ZoneId.of("Asia/Tokyo"), "JPY"),
				new SegmentationProperties("-", Duration.ofHours(1), "-", "-", Duration.ofHours(2),
						Duration.ofSeconds(60), DataSize.ofGigabytes(1)),
				new StaticListableBeanFactory().getBeanProvider(Clock.class));
		bench.run("CLV benchmark", "CLV fit", "2", () -> {
			long start = System.nanoTime();
			ClvFit fit = fits.fit(ClvFitRequest.defaults());
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf(
					"  fit %d: %,d customers, %,d repeaters, r %.4f alpha %.4f a %.4g b %.4g, p %.4g q %.4g "
							+ "gamma %.4g%s%n",
					fit.id(), fit.customers(), fit.repeaters(), fit.bgnbd().r(), fit.bgnbd().alpha(), fit.bgnbd().a(),
					fit.bgnbd().b(), (fit.gammaGamma() != null) ? fit.gammaGamma().p() : Double.NaN,
					(fit.gammaGamma() != null) ? fit.gammaGamma().q() : Double.NaN,
					(fit.gammaGamma() != null) ? fit.gammaGamma().gamma() : Double.NaN,
					fit.boundary().isEmpty() ? "" : ", at the boundary " + fit.boundary());
			bench.jdbc.sql("drop table segmentation.clv_prediction_" + fit.id()).update();
			bench.jdbc.sql("delete from segmentation.clv_fit where id = :id").param("id", fit.id()).update();
			return seconds;
		});
	}

}
