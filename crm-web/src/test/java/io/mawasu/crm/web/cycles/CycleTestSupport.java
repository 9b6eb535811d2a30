package io.mawasu.crm.web.cycles;

import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.scenario.Scenarios;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.CrmIntegrationTest;
import io.mawasu.crm.web.TestUsers;
import io.mawasu.crm.web.security.Role;
import io.mawasu.crm.web.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the cycle tests share: the application, the test users and a fresh
 * {@link CycleFixtures} before each test.
 */
@CrmIntegrationTest
abstract class CycleTestSupport {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	Segments segments;

	@Autowired
	Scenarios scenarios;

	@Autowired
	Contents contents;

	CycleFixtures fixtures;

	@BeforeEach
	void seedFixtures() {
		TestUsers.ensure(this.accounts);
		this.fixtures = new CycleFixtures(this.jdbc, this.segments, this.scenarios, this.contents);
	}

	/** Creates a cycle through the API as a marketer and returns its id. */
	long createCycle(String body) throws Exception {
		String json = this.mvc
			.perform(post("/api/cycles").with(TestUsers.basic(Role.MARKETER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Long.parseLong(json.replaceFirst("^\\{\"id\":(\\d+).*$", "$1"));
	}

}
