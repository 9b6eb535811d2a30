package io.mawasu.crm.scenario;

import io.mawasu.crm.ScenarioTestApplication;
import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.domain.consent.Channel;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code {{rfmSegment}}} renders the customer's segment of the newest finished RFM run.
 */
@SpringBootTest(classes = ScenarioTestApplication.class)
class RfmSegmentPlaceholdersIntegrationTests {

	@Autowired
	Contents contents;

	@Autowired
	JdbcClient jdbc;

	@Test
	void rendersTheLatestSegmentOrTheDefault() {
		long scored = this.jdbc
			.sql("insert into domain.customer (external_id) values ('rfm-ph-' || gen_random_uuid()) " + "returning id")
			.query(Long.class)
			.single();
		long unscored = this.jdbc
			.sql("insert into domain.customer (external_id) values ('rfm-ph-' || " + "gen_random_uuid()) returning id")
			.query(Long.class)
			.single();
		long run = this.jdbc.sql("""
				insert into segmentation.rfm_run (as_of, method, status) values (current_date, 'QUANTILE', 'DONE')
				returning id""").query(Long.class).single();
		this.jdbc.sql("""
				insert into segmentation.rfm_score (run_id, customer_id, recency_days, frequency, monetary, r, f, m,
					segment_code) values (:run, :customer, 1, 9, 90000, 5, 5, 5, 'champions')
				""").param("run", run).param("customer", scored).update();
		long content = this.contents.create(
				new ContentRequest("RFM", Channel.SMS, null, "You are {{rfmSegment|a customer}}", null, null, null),
				"test");
		assertThat(this.contents.render(content, "A", scored).orElseThrow().text()).isEqualTo("You are 優良顧客");
		assertThat(this.contents.render(content, "A", unscored).orElseThrow().text()).isEqualTo("You are a customer");
	}

}
