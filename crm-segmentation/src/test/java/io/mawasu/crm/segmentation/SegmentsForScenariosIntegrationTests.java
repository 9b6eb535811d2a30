package io.mawasu.crm.segmentation;

import java.util.List;
import java.util.Map;

import io.mawasu.crm.SegmentationTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.context.jdbc.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What crm-scenario reads from segmentation: a snapshot's member ids, a rule evaluated
 * for given customers, the refresh event and RFM segment codes for a batch of customers.
 */
@SpringBootTest(classes = SegmentationTestApplication.class)
@Sql("segments-seed.sql")
@RecordApplicationEvents
class SegmentsForScenariosIntegrationTests {

	static final SegmentRule TOKYO = SegmentRule.parse("{\"field\":\"prefecture\",\"op\":\"eq\",\"value\":\"東京都\"}");

	@Autowired
	Segments segments;

	@Autowired
	RfmRuns runs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	List<Long> ids(String where) {
		return this.jdbc.sql("select id from domain.customer where " + where + " order by id").query(Long.class).list();
	}

	@Test
	void memberIdsAreTheLatestSnapshotAndRefreshesAreAnnounced() {
		long id = this.segments.create("Tokyo", TOKYO, null);
		List<Long> tokyo = ids("prefecture = '東京都'");
		assertThat(tokyo).hasSize(3);
		assertThat(this.segments.memberIds(id)).containsExactly(tokyo.stream().mapToLong(Long::longValue).toArray());
		this.jdbc.sql("update domain.customer set prefecture = '東京都' where prefecture is distinct from '東京都'").update();
		long snapshot = this.segments.refresh(id).orElseThrow().id();
		assertThat(this.segments.memberIds(id)).hasSize(5);
		assertThat(this.events.stream(SegmentRefreshed.class)).extracting(SegmentRefreshed::segmentId)
			.containsExactly(id, id);
		assertThat(this.events.stream(SegmentRefreshed.class)).last().isEqualTo(new SegmentRefreshed(id, snapshot));
		assertThat(this.segments.memberIds(987654321L)).isEmpty();
	}

	@Test
	void matchingEvaluatesARuleForTheGivenCustomersOnly() {
		List<Long> all = ids("true");
		List<Long> tokyo = ids("prefecture = '東京都'");
		assertThat(this.segments.matching(TOKYO, all)).containsExactlyInAnyOrderElementsOf(tokyo);
		assertThat(this.segments.matching(TOKYO, List.of(tokyo.get(0)))).containsExactly(tokyo.get(0));
		assertThat(this.segments.matching(TOKYO, List.of())).isEmpty();
	}

	@Test
	void latestSegmentCodesComeFromTheNewestFinishedRun() {
		List<Long> all = ids("true");
		long old = this.jdbc.sql("""
				insert into segmentation.rfm_run (as_of, method, status) values (current_date - 1, 'QUANTILE', 'DONE')
				returning id""").query(Long.class).single();
		long latest = this.jdbc.sql("""
				insert into segmentation.rfm_run (as_of, method, status) values (current_date, 'QUANTILE', 'DONE')
				returning id""").query(Long.class).single();
		this.jdbc.sql("""
				insert into segmentation.rfm_score (run_id, customer_id, recency_days, frequency, monetary, r, f, m,
					segment_code) values (:old, :a, 1, 1, 1, 1, 1, 1, 'OLD'), (:latest, :a, 1, 1, 1, 5, 5, 5, 'NEW')
				""").param("old", old).param("latest", latest).param("a", all.get(0)).update();
		assertThat(this.runs.latestSegmentCodes(all)).isEqualTo(Map.of(all.get(0), "NEW"));
		assertThat(this.runs.latestSegmentCodes(List.of())).isEmpty();
	}

}
