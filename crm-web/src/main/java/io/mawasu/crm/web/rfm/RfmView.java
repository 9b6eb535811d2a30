package io.mawasu.crm.web.rfm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mawasu.crm.segmentation.RfmDistribution;
import io.mawasu.crm.segmentation.RfmGridCell;
import io.mawasu.crm.segmentation.RfmMethod;
import io.mawasu.crm.segmentation.RfmMovement;
import io.mawasu.crm.segmentation.RfmRun;
import io.mawasu.crm.segmentation.RfmSegment;
import org.jspecify.annotations.Nullable;

/**
 * What the RFM page shows, with numbers formatted for the viewer's locale.
 *
 * @param latest the newest finished run
 * @param heatmap R x F cells for the chart:
 * {@code [f - 1, r - 1, customers, revenue share %]}
 * @param segments the segment table of the latest run
 * @param runs the newest runs
 * @param doneRuns finished runs to compare
 * @param movement the movement matrix between two runs, when asked for
 * @param grid the editable grid, R 5 to 1
 * @param options the segments to choose from in the grid
 */
record RfmView(@Nullable Summary latest, List<List<Object>> heatmap, List<SegmentRow> segments, List<RunRow> runs,
		List<RunRow> doneRuns, @Nullable Movement movement, List<GridRow> grid, List<Option> options) {

	record Summary(long id, String asOf, String method, String customers, String noPurchase, String revenue,
			String finishedAt) {
	}

	record SegmentRow(String code, String name, String colour, String customers, String share, String revenue,
			String revenueShare) {
	}

	record RunRow(long id, String asOf, String method, String status, String customers, String startedAt) {
	}

	record Movement(long from, long to, List<String> columns, List<MovementRow> rows) {
	}

	record MovementRow(String name, List<String> counts) {
	}

	record GridRow(int r, List<RfmGridCell> cells) {
	}

	record Option(String code, String name) {
	}

	/** Formats numbers, money and shares for one locale. */
	static final class Formats {

		private final NumberFormat integers;

		private final NumberFormat money;

		private final NumberFormat percent;

		private final DateTimeFormatter time;

		private final ZoneId zone;

		Formats(Locale locale, String currency, ZoneId zone) {
			this.integers = NumberFormat.getIntegerInstance(locale);
			this.money = NumberFormat.getCurrencyInstance(locale);
			this.money.setCurrency(Currency.getInstance(currency));
			this.money.setMaximumFractionDigits(Currency.getInstance(currency).getDefaultFractionDigits());
			this.percent = NumberFormat.getPercentInstance(locale);
			this.percent.setMinimumFractionDigits(1);
			this.percent.setMaximumFractionDigits(1);
			this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
			this.zone = zone;
		}

		String integer(@Nullable Number value) {
			return (value != null) ? this.integers.format(value) : "";
		}

		String money(BigDecimal value) {
			return this.money.format(value);
		}

		String share(long part, long whole) {
			return this.percent.format((whole == 0) ? 0.0 : (double) part / whole);
		}

		String share(BigDecimal part, BigDecimal whole) {
			return this.percent.format((whole.signum() == 0) ? 0.0 : part.doubleValue() / whole.doubleValue());
		}

		String time(java.time.@Nullable Instant instant) {
			return (instant != null) ? this.time.format(instant.atZone(this.zone)) : "";
		}

	}

	static Summary summary(RfmDistribution distribution, Formats formats) {
		RfmRun run = distribution.run();
		return new Summary(run.id(), run.asOf().toString(), methodKey(run), formats.integer(run.customers()),
				formats.integer(run.noPurchase()), formats.money(distribution.revenue()),
				formats.time(run.finishedAt()));
	}

	static List<List<Object>> heatmap(RfmDistribution distribution) {
		List<List<Object>> cells = new ArrayList<>();
		for (RfmDistribution.Cell cell : distribution.cells()) {
			BigDecimal share = (distribution.revenue().signum() == 0) ? BigDecimal.ZERO
					: cell.revenue()
						.multiply(BigDecimal.valueOf(100))
						.divide(distribution.revenue(), 1, RoundingMode.HALF_UP);
			cells.add(List.of(cell.f() - 1, cell.r() - 1, cell.customers(), share));
		}
		return cells;
	}

	/**
	 * The F scores (1–5) no customer got: with QUANTILE scoring, ties in frequency (many
	 * one-time buyers) put whole quintiles on one score and leave others empty.
	 */
	static List<Integer> emptyFrequencyScores(List<List<Object>> heatmap) {
		List<Integer> empty = new java.util.ArrayList<>();
		for (int f = 1; f <= 5; f++) {
			int index = f - 1;
			long customers = heatmap.stream()
				.filter((cell) -> ((Number) cell.get(0)).intValue() == index)
				.mapToLong((cell) -> ((Number) cell.get(2)).longValue())
				.sum();
			if (customers == 0) {
				empty.add(f);
			}
		}
		return empty;
	}

	static List<SegmentRow> segments(RfmDistribution distribution, String language, Formats formats) {
		return distribution.segments()
			.stream()
			.map((share) -> new SegmentRow(share.segment().code(), share.segment().name(language),
					share.segment().colour(), formats.integer(share.customers()),
					formats.share(share.customers(), distribution.customers()), formats.money(share.revenue()),
					formats.share(share.revenue(), distribution.revenue())))
			.toList();
	}

	static RunRow run(RfmRun run, Formats formats) {
		return new RunRow(run.id(), run.asOf().toString(), methodKey(run), run.status().name(),
				formats.integer(run.customers()), formats.time(run.startedAt()));
	}

	static Movement movement(RfmMovement movement, List<RfmSegment> segments, String language, String notScored,
			Formats formats) {
		List<@Nullable String> codes = new ArrayList<>();
		List<String> columns = new ArrayList<>();
		Map<String, String> names = new HashMap<>();
		for (RfmSegment segment : segments) {
			codes.add(segment.code());
			columns.add(segment.name(language));
			names.put(segment.code(), segment.name(language));
		}
		codes.add(null);
		columns.add(notScored);
		List<MovementRow> rows = new ArrayList<>();
		for (String from : codes) {
			List<String> counts = new ArrayList<>();
			for (String to : codes) {
				long count = movement.count(from, to);
				counts.add((count == 0) ? "" : formats.integer(count));
			}
			rows.add(new MovementRow((from != null) ? names.get(from) : notScored, counts));
		}
		return new Movement(movement.fromRunId(), movement.toRunId(), columns, rows);
	}

	static List<GridRow> grid(List<RfmGridCell> cells) {
		List<GridRow> rows = new ArrayList<>();
		for (int r = 5; r >= 1; r--) {
			int score = r;
			rows.add(new GridRow(r, cells.stream().filter((cell) -> cell.r() == score).toList()));
		}
		return rows;
	}

	/**
	 * The message key suffix of a run's method: {@code QUANTILE_FIXED_F} for a quantile
	 * run whose F was scored by cut points.
	 */
	static String methodKey(RfmRun run) {
		boolean fixedFrequency = run.method() == RfmMethod.QUANTILE && run.cuts() != null
				&& run.cuts().frequency() != null;
		return fixedFrequency ? "QUANTILE_FIXED_F" : run.method().name();
	}

}
