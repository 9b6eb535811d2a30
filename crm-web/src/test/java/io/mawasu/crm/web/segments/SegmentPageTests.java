package io.mawasu.crm.web.segments;

import java.util.UUID;

import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.CrmIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class SegmentPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Segments segments;

	String seed() {
		String city = "segpage-" + UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into domain.customer (external_id, name, email, city) values (:city || '-1', 'Aiko', 'aiko@example.jp', :city)
					""")
			.param("city", city)
			.update();
		return city;
	}

	String rule(String city) {
		return "{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"}";
	}

	@Test
	void builderRendersInJapaneseForMarketersOnly() throws Exception {
		this.mvc.perform(get("/segments/new").with(user("m").roles("MARKETER")).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"add-condition\"")))
			.andExpect(content().string(containsString("最終購入からの日数")));
		this.mvc.perform(get("/segments/new").with(user("a").roles("ANALYST"))).andExpect(status().isForbidden());
	}

	@Test
	void previewCountsAndMasksForAnalysts() throws Exception {
		String city = seed();
		this.mvc
			.perform(post("/segments/preview").param("rule", rule(city)).with(user("a").roles("ANALYST")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"live-count\">1<")))
			.andExpect(content().string(containsString("a***@example.jp")))
			.andExpect(content().string(not(containsString("aiko@example.jp"))));
		this.mvc
			.perform(post("/segments/preview").param("rule", "{\"field\":\"age\",\"op\":\"eq\",\"value\":\"x\"}")
				.with(user("m").roles("MARKETER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(
					content().string(containsString("Enter a whole number from 0 to 150 for Age (got &quot;x&quot;)")));
	}

	@Test
	void savesAndShowsTheFourRPage() throws Exception {
		String city = seed();
		this.mvc
			.perform(post("/segments").param("name", "Page test")
				.param("rule", rule(city))
				.with(user("m").roles("MARKETER"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/segments/*"));
		long id = this.segments.list()
			.stream()
			.filter((s) -> s.name().equals("Page test"))
			.findFirst()
			.orElseThrow()
			.id();
		this.mvc.perform(get("/segments/{id}", id).with(user("a").roles("ANALYST")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"snapshot-table\"")))
			.andExpect(content().string(containsString("id=\"realistic\"")))
			.andExpect(content().string(containsString("id=\"reach-EMAIL\"")))
			.andExpect(content().string(containsString("No scenario enters from this segment yet")))
			.andExpect(content().string(not(containsString("id=\"segment-refresh\""))));
		this.mvc.perform(post("/segments/{id}/refresh", id).with(user("m").roles("MARKETER")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/segments/{id}/rank", id).param("rankPriority", "3")
				.with(user("m").roles("MARKETER"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/segments").with(user("m").roles("MARKETER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Page test")));
		this.mvc.perform(post("/segments/{id}/refresh", id).with(user("a").roles("ANALYST")).with(csrf()))
			.andExpect(status().isForbidden());
		org.assertj.core.api.Assertions.assertThat(this.segments.snapshots(id)).hasSize(2);
		org.assertj.core.api.Assertions.assertThat(this.segments.find(id).orElseThrow().rankPriority()).isEqualTo(3);
		org.assertj.core.api.Assertions.assertThat(this.segments.count(SegmentRule.parse(rule(city))).size())
			.isEqualTo(1);
	}

}
