package io.mawasu.crm.web.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Writes the files of the import benchmark (scripts/bench-import.sh): a customers CSV and
 * an orders CSV referencing it. Run from the repository root with
 * {@code java crm-web/src/test/java/io/mawasu/crm/web/imports/ImportBenchmark.java DIR ORDERS CUSTOMERS}.
 */
public final class ImportBenchmark {

	private static final String[] CATEGORIES = { "food", "drink", "beauty", "fashion", "home", "kids" };

	private static final String[] BRANDS = { "acme", "mawasu", "sakura", "fuji", "kaze", "PB" };

	private ImportBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of((args.length > 0) ? args[0] : "bench");
		int orders = (args.length > 1) ? Integer.parseInt(args[1]) : 1_000_000;
		int customers = (args.length > 2) ? Integer.parseInt(args[2]) : 100_000;
		Files.createDirectories(dir);
		SplittableRandom random = new SplittableRandom(42);
		LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
		try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("customers.csv"), StandardCharsets.UTF_8)) {
			out.write("external_id,email,name,gender,birth_date,prefecture,tags,registered_at\n");
			for (int i = 1; i <= customers; i++) {
				out.write("C" + i + ",c" + i + "@example.com,顧客 " + i + "," + "FMO".charAt(i % 3) + ","
						+ (1950 + i % 55) + "-0" + (1 + i % 9) + "-1" + (i % 10) + ",東京都,"
						+ ((i % 7 == 0) ? "vip;newsletter" : "") + "," + start.plusMinutes(i).toLocalDate() + "\n");
			}
		}
		StringBuilder line = new StringBuilder(128);
		try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("orders.csv"), StandardCharsets.UTF_8)) {
			out.write("external_id,customer_external_id,ordered_at,amount,category,brand,quantity,list_price\n");
			for (int i = 1; i <= orders; i++) {
				int amount = 500 + random.nextInt(30_000);
				line.setLength(0);
				line.append('O')
					.append(i)
					.append(",C")
					.append(1 + random.nextInt(customers))
					.append(',')
					.append(start.plusSeconds(random.nextLong(86_400L * 700)).atOffset(ZoneOffset.ofHours(9)))
					.append(',')
					.append((i % 50 == 0) ? -amount : amount)
					.append(',')
					.append(CATEGORIES[random.nextInt(CATEGORIES.length)])
					.append(',')
					.append(BRANDS[random.nextInt(BRANDS.length)])
					.append(',')
					.append(1 + random.nextInt(3))
					.append(',')
					.append(amount + 100)
					.append('\n');
				out.append(line);
			}
		}
	}

}
