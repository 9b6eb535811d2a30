package io.mawasu.crm.web.analyses;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.mawasu.crm.segmentation.DecileAnalysis;
import io.mawasu.crm.segmentation.F2Analysis;
import io.mawasu.crm.segmentation.ParetoAnalysis;
import io.mawasu.crm.segmentation.RetentionAnalysis;
import io.mawasu.crm.web.CsvWriter;
import org.jspecify.annotations.Nullable;

/**
 * The analyses as CSV with a header row, written by {@link CsvWriter}: shares as
 * fractions (0 to 1) with six decimals, money as plain decimals, empty cells for values
 * not observed.
 */
final class AnalysisCsv {

	private AnalysisCsv() {
	}

	static String decile(DecileAnalysis analysis) {
		StringBuilder csv = new StringBuilder(
				"decile,customers,revenue,share,cumulative_share,average_spend,min_spend,max_spend\r\n");
		for (DecileAnalysis.Decile d : analysis.deciles()) {
			row(csv, d.decile(), d.customers(), d.revenue(), share(d.share()), share(d.cumulativeShare()),
					d.averageSpend(), d.minSpend(), d.maxSpend());
		}
		return csv.toString();
	}

	static String pareto(ParetoAnalysis analysis) {
		StringBuilder csv = new StringBuilder("rank,key,revenue,share,cumulative_share,abc_class\r\n");
		for (ParetoAnalysis.Item item : analysis.top()) {
			row(csv, item.rank(), item.key(), item.revenue(), share(item.share()), share(item.cumulativeShare()),
					item.abcClass());
		}
		return csv.toString();
	}

	static String f2(F2Analysis analysis) {
		StringBuilder csv = new StringBuilder("cohort,customers,within30,within60,within90,within180,repeaters,"
				+ "share30,share60,share90,share180,repeat_share,median_days_to_second\r\n");
		List<F2Analysis.Cohort> rows = new ArrayList<>(analysis.cohorts());
		rows.add(analysis.total());
		for (F2Analysis.Cohort c : rows) {
			row(csv, (c.cohort() != null) ? c.cohort() : "total", c.customers(), c.within30(), c.within60(),
					c.within90(), c.within180(), c.repeaters(), share(c.share30()), share(c.share60()),
					share(c.share90()), share(c.share180()), share(c.repeatShare()), c.medianDaysToSecond());
		}
		return csv.toString();
	}

	static String retention(RetentionAnalysis analysis) {
		String months = IntStream.rangeClosed(1, analysis.months())
			.mapToObj((k) -> "retained_m" + k)
			.collect(Collectors.joining(","));
		String shares = IntStream.rangeClosed(1, analysis.months())
			.mapToObj((k) -> "share_m" + k)
			.collect(Collectors.joining(","));
		StringBuilder csv = new StringBuilder(
				"cohort,customers,repeaters,repeat_share," + months + "," + shares + "\r\n");
		for (RetentionAnalysis.Cohort c : analysis.cohorts()) {
			List<@Nullable Object> cells = new ArrayList<>(
					List.of(c.cohort(), c.customers(), c.repeaters(), share(c.repeatShare())));
			cells.addAll(c.retained());
			c.shares().forEach((s) -> cells.add((s != null) ? share(s) : null));
			row(csv, cells.toArray());
		}
		return csv.toString();
	}

	private static BigDecimal share(double value) {
		return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP);
	}

	private static void row(StringBuilder csv, @Nullable Object... cells) {
		new CsvWriter(csv).row(cells);
	}

}
