package io.mawasu.crm.web.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * docs/api.md stays equal to the running application: every operation of the OpenAPI
 * document ({@code /v3/api-docs}) has its heading {@code ### METHOD path} there, and
 * every such heading is an operation that exists.
 */
@CrmIntegrationTest
class ApiReferenceTests {

	static final Path REFERENCE = Path.of("../docs/api.md");

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@BeforeEach
	void users() {
		TestUsers.ensure(this.accounts);
	}

	@Test
	void everyOperationIsDocumentedAndEveryDocumentedOperationExists() throws Exception {
		String json = this.mvc.perform(get("/v3/api-docs").with(TestUsers.basic(Role.ADMIN)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		JsonNode paths = JsonMapper.builder().build().readTree(json).path("paths");
		List<String> operations = new ArrayList<>();
		for (String path : paths.propertyNames()) {
			for (String method : paths.path(path).propertyNames()) {
				if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
					operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
				}
			}
		}
		assertThat(operations).as("operations of /v3/api-docs")
			.contains("POST /api/import/{kind}", "GET /api/customers/{externalId}", "POST /api/segments/count",
					"POST /webhooks/line");
		List<String> documented = Files.readAllLines(REFERENCE, StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> line.startsWith("### "))
			.map((line) -> line.substring(4).strip())
			.toList();
		assertThat(documented).as("headings of docs/api.md missing an operation of /v3/api-docs")
			.containsAll(operations);
		// the tracking pixel, click redirect and unsubscribe page answer with images,
		// redirects and HTML, which springdoc does not list; every other heading must be
		// a real operation
		assertThat(operations).as("operations of /v3/api-docs missing a documented heading")
			.containsAll(documented.stream().filter((heading) -> !heading.matches("(GET|POST) /(t|u)/.*")).toList());
	}

}
