package io.mawasu.crm.web.imports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mawasu.crm.testing.RepositoryData;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Real data nobody here wrote, through the real entry points: the CDNOW sample (2,357
 * customers, 6,919 purchases) converted to our CSV columns as
 * scripts/datasets/convert_cdnow.py does, imported over HTTP, re-imported without change,
 * and scored by an RFM run.
 */
@CrmIntegrationTest
class RealDatasetImportTests {

	static final String SAMPLE = "cdnow/CDNOW_sample.txt";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@BeforeEach
	void emptyDatabase() {
		TestUsers.ensure(this.accounts);
		// The RFM run scores every customer: start from this dataset alone.
		this.jdbc.sql("truncate domain.customer, segmentation.rfm_run, segmentation.rfm_score cascade").update();
	}

	@Test
	void cdnowSampleImportsThroughTheEndpointsAndScores() throws Exception {
		Set<String> customers = new LinkedHashSet<>();
		Set<String> buyers = new LinkedHashSet<>();
		Map<String, Integer> sequence = new HashMap<>();
		StringBuilder orders = new StringBuilder("external_id,customer_external_id,ordered_at,amount,quantity\n");
		BigDecimal total = BigDecimal.ZERO;
		List<String> lines = Files.readAllLines(locate(), StandardCharsets.US_ASCII);
		for (String line : lines) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length != 5) {
				continue;
			}
			String customer = fields[0];
			String date = fields[2];
			int seq = sequence.merge(customer + "_" + date, 1, Integer::sum);
			BigDecimal amount = new BigDecimal(fields[4]);
			customers.add(customer);
			if (amount.signum() > 0) {
				buyers.add(customer);
			}
			total = total.add(amount);
			orders.append(customer + "_" + date + "_" + seq + "," + customer + "," + date.substring(0, 4) + "-"
					+ date.substring(4, 6) + "-" + date.substring(6) + "," + amount + "," + fields[3] + "\n");
		}
		String customerCsv = "external_id\n" + String.join("\n", customers) + "\n";

		importCsv("customers", customerCsv).andExpect(jsonPath("$.inserted").value(2_357))
			.andExpect(jsonPath("$.rejected").value(0));
		importCsv("orders", orders.toString()).andExpect(jsonPath("$.inserted").value(6_919))
			.andExpect(jsonPath("$.rejected").value(0));
		importCsv("orders", orders.toString()).andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.updated").value(0));

		BigDecimal spent = this.jdbc.sql("select sum(total_spent) from domain.customer_summary")
			.query(BigDecimal.class)
			.single();
		assertThat(spent).isEqualByComparingTo(total).isEqualByComparingTo("244091.94");

		this.mvc
			.perform(post("/api/rfm/runs").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"asOf\":\"1998-06-30\",\"method\":\"QUANTILE\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.customers").value(buyers.size()));
	}

	private org.springframework.test.web.servlet.ResultActions importCsv(String kind, String csv) throws Exception {
		return this.mvc
			.perform(post("/api/import/" + kind).with(TestUsers.basic(Role.MARKETER))
				.contentType("text/csv; charset=UTF-8")
				.content(csv.getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isOk());
	}

	private static Path locate() {
		return RepositoryData.file(SAMPLE);
	}

}
