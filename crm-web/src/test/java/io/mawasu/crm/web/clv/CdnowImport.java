package io.mawasu.crm.web.clv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;

import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Converts the CDNOW sample ({@code data/cdnow/CDNOW_sample.txt}: customer id, id, date
 * yyyymmdd, quantity, dollar amount) to our import CSVs and imports it over HTTP: the
 * customer id becomes the external id, each line one order on that date (midnight in the
 * shop's zone).
 */
final class CdnowImport {

	static final String SAMPLE = "data/cdnow/CDNOW_sample.txt";

	private CdnowImport() {
	}

	static void importSample(MockMvc mvc) throws Exception {
		Set<String> customers = new LinkedHashSet<>();
		Map<String, Integer> sequence = new HashMap<>();
		StringBuilder orders = new StringBuilder("external_id,customer_external_id,ordered_at,amount,quantity\n");
		List<String> lines = Files.readAllLines(locate(), StandardCharsets.US_ASCII);
		for (String line : lines) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length != 5) {
				continue;
			}
			String customer = fields[0];
			String date = fields[2];
			int seq = sequence.merge(customer + "_" + date, 1, Integer::sum);
			customers.add(customer);
			orders.append(customer + "_" + date + "_" + seq + "," + customer + "," + date.substring(0, 4) + "-"
					+ date.substring(4, 6) + "-" + date.substring(6) + "," + fields[4] + "," + fields[3] + "\n");
		}
		importCsv(mvc, "customers", "external_id\n" + String.join("\n", customers) + "\n", customers.size());
		importCsv(mvc, "orders", orders.toString(), 6_919);
	}

	private static void importCsv(MockMvc mvc, String kind, String csv, int rows) throws Exception {
		mvc.perform(post("/api/import/" + kind).with(TestUsers.basic(Role.MARKETER))
			.contentType("text/csv; charset=UTF-8")
			.content(csv.getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(rows))
			.andExpect(jsonPath("$.rejected").value(0));
	}

	static Path locate() throws IOException {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve(SAMPLE);
			if (Files.isReadable(candidate)) {
				return candidate;
			}
		}
		throw new IOException("The CDNOW sample is missing: no " + SAMPLE + " above " + Path.of("").toAbsolutePath());
	}

}
