package io.mawasu.crm.web.audiences;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Hashed ad audiences through the import API (customers, ADS consents), a saved segment
 * and the export endpoint; the expected hashes are computed here from the normalised
 * identifiers.
 */
@CrmIntegrationTest
class AudienceApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@Test
	void exportsHashedIdentifiersOfConsentingMembersOnly() throws Exception {
		TestUsers.ensure(this.accounts);
		String tag = "aud" + Long.toHexString(System.nanoTime());
		String p = tag + "-";
		importCsv("customers",
				"external_id,email,phone,tags\n" + p + "1, Hanako@Example.COM ,090-1234-5678," + tag + "\n" + p
						+ "2,taro@example.com,," + tag + "\n" + p + "3,,+81 3-1234-5678," + tag + "\n" + p + "4,,,"
						+ tag + "\n" + p + "5,out@example.com,090-0000-1111," + tag + "\n" + p + "6,email@example.com,,"
						+ tag + "\n" + p + "7,black@example.com,090-2222-3333," + tag + "\n" + p
						+ "8,other@example.com,,other" + "\n");
		importCsv("consents", "customer_external_id,channel,status,changed_at\n" + p + "1,ADS,OPT_IN,2026-11-01\n" + p
				+ "2,ads,OPT_IN,2026-11-01\n" + p + "3,ADS,OPT_IN,2026-11-01\n" + p + "4,ADS,OPT_IN,2026-11-01\n" + p
				+ "5,ADS,OPT_OUT,2026-11-01\n" + p + "6,EMAIL,OPT_IN,2026-11-01\n" + p + "7,ADS,OPT_IN,2026-11-01\n" + p
				+ "8,ADS,OPT_IN,2026-11-01\n");
		this.jdbc.sql("update domain.customer set blacklisted = true where external_id = :id")
			.param("id", p + "7")
			.update();
		String created = this.mvc
			.perform(post("/api/segments").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"audience " + tag + "\",\"rule\":{\"field\":\"tag\",\"op\":\"eq\",\"value\":\""
						+ tag + "\"}}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long segment = ((Number) JsonPath.read(created, "$.id")).longValue();

		List<String> meta = csv(segment, "META");
		assertThat(meta).containsExactly("email,phone", sha("hanako@example.com") + "," + sha("819012345678"),
				sha("taro@example.com") + ",", "," + sha("81312345678"));
		List<String> google = csv(segment, "GOOGLE");
		assertThat(google).containsExactly("Email,Phone", sha("hanako@example.com") + "," + sha("+819012345678"),
				sha("taro@example.com") + ",", "," + sha("+81312345678"));

		this.mvc
			.perform(get("/api/segments/" + segment + "/audience.csv?format=TIKTOK").with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("format")));
		this.mvc
			.perform(get("/api/segments/" + segment + "/audience.csv?format=META").with(TestUsers.basic(Role.ANALYST)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/segments/987654321/audience.csv?format=META").with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isNotFound());
		assertThat(this.jdbc.sql("select count(*) from web.audit_log where action = 'EXPORT_AUDIENCE' and target = :t")
			.param("t", "segment " + segment + " META")
			.query(Long.class)
			.single()).isPositive();

		// the customer page shows the ADS consent; the reach per messaging channel does
		// not
		// list it
		this.mvc.perform(get("/customers/" + p + "1").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"consent-ADS\"")));
		this.mvc.perform(get("/api/segments/" + segment + "/count").with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.reachable.ADS").doesNotExist())
			.andExpect(jsonPath("$.reachable.EMAIL").exists());
	}

	private List<String> csv(long segment, String format) throws Exception {
		return this.mvc
			.perform(get("/api/segments/" + segment + "/audience.csv?format=" + format)
				.with(TestUsers.basic(Role.MARKETER)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.lines()
			.toList();
	}

	private void importCsv(String kind, String csv) throws Exception {
		this.mvc
			.perform(post("/api/import/" + kind).with(TestUsers.basic(Role.MARKETER))
				.contentType("text/csv; charset=UTF-8")
				.content(csv.getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rejected").value(0));
	}

	private static String sha(String value) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
	}

}
