package io.mawasu.crm.domain.internal;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Benchmark, not a test (run by {@code scripts/bench-csv.sh}): parses the same generated
 * orders CSV (1M rows by default, in UTF-8 and in Shift_JIS, with quoted fields, doubled
 * quotes, commas and embedded newlines) with our {@link CsvReader} and with FastCSV, both
 * fed by the same {@link CsvDecoding} reader, so only the parsers differ. Each parser
 * touches every field and asks for the record's starting line, as the import does. After
 * warm-up rounds, measured rounds alternate between the two; prints the median rows/s of
 * each and the ratio ours ÷ FastCSV per charset.
 * <p>
 * Arguments: {@code directory [rows=1000000] [warmups=2] [rounds=5]}.
 */
public final class CsvReaderBenchmark {

	private static final String[] CATEGORIES = { "靴", "バッグ, 小物", "アウター", "Tシャツ", "\"限定\" セット" };

	private static final String[] BRANDS = { "Acme", "山田商店", "The \"Best\" Shop", "北海道\n直送", "Maison, Paris" };

	private CsvReaderBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args[0]);
		int rows = (args.length > 1) ? Integer.parseInt(args[1]) : 1_000_000;
		int warmups = (args.length > 2) ? Integer.parseInt(args[2]) : 2;
		int rounds = (args.length > 3) ? Integer.parseInt(args[3]) : 5;
		Files.createDirectories(dir);
		Charset sjis = CsvDecoding.WINDOWS_31J;
		for (Charset charset : List.of(StandardCharsets.UTF_8, sjis)) {
			Path file = dir.resolve("orders-" + rows + "-" + charset.name() + ".csv");
			if (!Files.exists(file)) {
				generate(file, rows, charset);
			}
			Result ours = new Result();
			Result fast = new Result();
			for (int i = 0; i < warmups + rounds; i++) {
				boolean measured = i >= warmups;
				// alternate the order so neither parser always runs on a warmer cache
				if (i % 2 == 0) {
					ours.add(time(() -> ours(file, charset)), measured);
					fast.add(time(() -> fastCsv(file, charset)), measured);
				}
				else {
					fast.add(time(() -> fastCsv(file, charset)), measured);
					ours.add(time(() -> ours(file, charset)), measured);
				}
			}
			if (ours.rows != fast.rows || ours.lines != fast.lines) {
				throw new IllegalStateException("The parsers disagree: ours " + ours.rows + " rows / line sum "
						+ ours.lines + ", FastCSV " + fast.rows + " / " + fast.lines);
			}
			double oursRate = ours.rows / ours.median();
			double fastRate = fast.rows / fast.median();
			System.out.printf(Locale.ROOT,
					"%-11s %,d rows (%,d bytes): ours %,.0f rows/s (median %.3f s), FastCSV %,.0f rows/s (median %.3f s),"
							+ " ours/FastCSV = %.2f%n",
					charset.name(), ours.rows, Files.size(file), oursRate, ours.median(), fastRate, fast.median(),
					oursRate / fastRate);
		}
	}

	/** Rows and the sum of their starting lines, from our reader. */
	static long[] ours(Path file, Charset charset) throws IOException {
		long rows = 0;
		long lines = 0;
		long chars = 0;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
				CsvReader reader = new CsvReader(CsvDecoding.reader(in, charset))) {
			reader.next();
			while (reader.next()) {
				for (int i = 0; i < reader.size(); i++) {
					chars += reader.get(i).length();
				}
				lines += reader.line();
				rows++;
			}
		}
		return new long[] { rows, lines, chars };
	}

	/** The same from FastCSV, strict RFC 4180 like ours. */
	static long[] fastCsv(Path file, Charset charset) throws IOException {
		long rows = 0;
		long lines = 0;
		long chars = 0;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
				Reader decoded = CsvDecoding.reader(in, charset);
				de.siegmar.fastcsv.reader.CsvReader<CsvRecord> reader = de.siegmar.fastcsv.reader.CsvReader.builder()
					.commentStrategy(CommentStrategy.NONE)
					.skipEmptyLines(false)
					.allowExtraFields(true)
					.allowMissingFields(true)
					.ofCsvRecord(decoded)) {
			boolean header = true;
			for (CsvRecord record : reader) {
				if (header) {
					header = false;
					continue;
				}
				for (int i = 0; i < record.getFieldCount(); i++) {
					chars += record.getField(i).length();
				}
				lines += record.getStartingLineNumber();
				rows++;
			}
		}
		return new long[] { rows, lines, chars };
	}

	static void generate(Path file, int rows, Charset charset) throws IOException {
		SplittableRandom random = new SplittableRandom(20261202L);
		try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), charset), 1 << 16)) {
			out.write("external_id,customer_external_id,ordered_at,amount,category,brand,quantity,list_price\r\n");
			for (int i = 1; i <= rows; i++) {
				out.write("O");
				out.write(Integer.toString(i));
				out.write(",C");
				out.write(Integer.toString(1 + random.nextInt(100_000)));
				out.write(String.format(Locale.ROOT, ",2026-%02d-%02d %02d:%02d,", 1 + random.nextInt(11),
						1 + random.nextInt(28), random.nextInt(24), random.nextInt(60)));
				out.write(Integer.toString(500 + random.nextInt(50_000)));
				out.write(',');
				out.write(quoted(CATEGORIES[random.nextInt(CATEGORIES.length)]));
				out.write(',');
				out.write(quoted(BRANDS[random.nextInt(BRANDS.length)]));
				out.write(',');
				out.write(Integer.toString(1 + random.nextInt(5)));
				out.write(",\r\n");
			}
		}
	}

	private static String quoted(String value) {
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
			return value;
		}
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	private static Measured time(Parse parse) throws IOException {
		long started = System.nanoTime();
		long[] counts = parse.run();
		return new Measured((System.nanoTime() - started) / 1e9, counts[0], counts[1]);
	}

	@FunctionalInterface
	private interface Parse {

		long[] run() throws IOException;

	}

	private record Measured(double seconds, long rows, long lines) {
	}

	private static final class Result {

		private final List<Double> seconds = new ArrayList<>();

		private long rows;

		private long lines;

		void add(Measured m, boolean measured) {
			this.rows = m.rows();
			this.lines = m.lines();
			if (measured) {
				this.seconds.add(m.seconds());
			}
		}

		double median() {
			List<Double> sorted = new ArrayList<>(this.seconds);
			Collections.sort(sorted);
			return sorted.get(sorted.size() / 2);
		}

	}

}
