package io.mawasu.crm.segmentation;

import java.time.Instant;
import java.util.Map;

import io.mawasu.crm.SegmentationTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.jdbc.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule segments on PostgreSQL against five seeded customers whose every field is known
 * ({@code segments-seed.sql}).
 */
@SpringBootTest(classes = SegmentationTestApplication.class)
@Sql("segments-seed.sql")
class SegmentsIntegrationTests {

	@Autowired
	Segments segments;

	@Autowired
	JdbcClient jdbc;

	static SegmentRule rule(String json) {
		return SegmentRule.parse(json.replace('\'', '"'));
	}

	static SegmentRule condition(String field, String op, String value) {
		return rule("{'field':'" + field + "','op':'" + op + "','value':" + value + "}");
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			gender            | eq       | 'F'                 | 3
			gender            | ne       | 'F'                 | 2
			gender            | in       | ['M','O']           | 2
			age               | gte      | 30                  | 3
			age               | eq       | 30                  | 1
			age               | between  | [20, 29]            | 1
			age               | lt       | 30                  | 1
			age               | notIn    | [30, 45]            | 3
			prefecture        | eq       | '東京都'             | 3
			prefecture        | contains | '京'                 | 3
			prefecture        | notIn    | ['東京都']           | 2
			city              | eq       | '大阪市'             | 1
			city              | ne       | '大阪市'             | 4
			tag               | eq       | 'vip'               | 2
			tag               | contains | 'newsletter'        | 2
			tag               | notIn    | ['vip','newsletter'] | 2
			tag               | ne       | 'vip'               | 3
			registeredDays    | lte      | 30                  | 1
			registeredDays    | gt       | 365                 | 2
			recencyDays       | lte      | 30                  | 2
			recencyDays       | gt       | 90                  | 2
			recencyDays       | eq       | 10                  | 1
			frequency         | eq       | 0                   | 1
			frequency         | gte      | 1                   | 4
			orderCount        | eq       | 2                   | 1
			orderCount        | lt       | 1                   | 1
			monetary          | gte      | 10000               | 3
			monetary          | eq       | 0                   | 1
			monetary          | between  | [5000, 12000]       | 2
			rfmSegment        | eq       | 'champions'         | 1
			rfmSegment        | ne       | 'champions'         | 4
			r                 | gte      | 4                   | 1
			f                 | eq       | 1                   | 1
			m                 | between  | [2, 4]              | 2
			purchasedCategory | eq       | 'shoes'             | 1
			purchasedCategory | ne       | 'shoes'             | 4
			purchasedCategory | in       | ['bags']            | 2
			purchasedBrand    | in       | ['Acme','Other']    | 2
			purchasedBrand    | contains | 'acm'               | 1
			purchasedBrand    | notIn    | ['Acme']            | 4
			consent           | eq       | 'EMAIL'             | 4
			consent           | eq       | 'SMS'               | 3
			consent           | ne       | 'LINE'              | 1
			openedWithinDays  | lte      | 7                   | 1
			openedWithinDays  | lte      | 60                  | 2
			clickedWithinDays | lte      | 7                   | 0
			clickedWithinDays | lte      | 30                  | 1
			journeyStage      | eq       | 'FIRST'             | 3
			journeyStage      | eq       | 'REGISTERED'        | 1
			journeyStage      | in       | ['REPEAT','REGULAR'] | 1
			journeyStage      | notIn    | ['FIRST']           | 2
			journeyStage      | ne       | 'REPEAT'            | 4
			affinity          | eq       | 1                   | 2
			affinity          | eq       | 4                   | 1
			affinity          | gte      | 3                   | 3
			affinity          | between  | [2, 3]              | 2
			affinity          | notIn    | [1, 4]              | 2
			""")
	void countsEachFieldFamily(String field, String op, String value, long expected) {
		assertThat(this.segments.count(condition(field, op, value)).size()).isEqualTo(expected);
	}

	/**
	 * The journey as of today (crm.journey defaults: regular from 4 purchases, recent 30
	 * days, lapsing 180, engagement 90): seg-1 REPEAT (3 purchases) at 4 (bought 10 days
	 * ago, opened 5 days ago), seg-2 FIRST at 3 (100 days, opened 50 days ago), seg-3
	 * REGISTERED at 1, seg-4 FIRST at 1 (its one positive order 400 days ago), seg-5
	 * FIRST at 3 (30 days, never opened). A customer registered tomorrow is not on the
	 * map yet: in no stage, at no level.
	 */
	@Test
	void journeyFieldsPlaceEveryoneRegisteredByTodayOnce() {
		this.jdbc
			.sql("insert into domain.customer (external_id, registered_at) values ('seg-6', now() + interval '2 days')")
			.update();
		assertThat(this.segments.count(SegmentRule.EVERYONE).size()).isEqualTo(6);
		assertThat(this.segments.count(condition("journeyStage", "in", "['REGISTERED','FIRST','REPEAT','REGULAR']"))
			.size()).isEqualTo(5);
		assertThat(this.segments.count(condition("affinity", "between", "[1, 4]")).size()).isEqualTo(5);
		assertThat(this.segments.count(rule("{'not':{'field':'journeyStage','op':'eq','value':'FIRST'}}")).size())
			.as("the negation holds for the customer off the map")
			.isEqualTo(3);
		assertThat(this.segments
			.count(rule("{'all':[{'field':'journeyStage','op':'eq','value':'FIRST'},{'field':'affinity','op':'eq',"
					+ "'value':3}]}"))
			.size()).isEqualTo(2);
	}

	@Test
	void nestsAndNegates() {
		assertThat(this.segments
			.count(rule("{'all':[{'field':'prefecture','op':'eq','value':'東京都'},{'any':[{'field':'age','op':'gte',"
					+ "'value':50},{'field':'tag','op':'eq','value':'vip'}]}]}"))
			.size()).isEqualTo(2);
		assertThat(this.segments.count(rule("{'not':{'field':'age','op':'gte','value':30}}")).size())
			.as("a customer without a birth date is not 30 or older")
			.isEqualTo(2);
		assertThat(this.segments.count(rule("{'not':{'field':'city','op':'eq','value':'大阪市'}}")).size()).isEqualTo(4);
		assertThat(this.segments.count(rule("{'any':[]}")).size()).isZero();
		assertThat(this.segments.count(SegmentRule.EVERYONE).size()).isEqualTo(5);
	}

	@Test
	void reachExcludesOptOutBlacklistSuppressionAndMissingAddress() {
		SegmentCount everyone = this.segments.count(SegmentRule.EVERYONE);
		// EMAIL: seg-1 only (seg-2 opted out, seg-3 suppressed, seg-4 blank, seg-5
		// blacklisted)
		// LINE: seg-1, seg-2, seg-4 (seg-3 has no LINE id, seg-5 blacklisted)
		// SMS: seg-1, seg-3 (seg-2 and seg-5 have no phone or consent, seg-4 suppressed
		// in another format)
		assertThat(everyone.reachable()).isEqualTo(Map.of(Channel.EMAIL, 1L, Channel.LINE, 3L, Channel.SMS, 2L));
		SegmentCount tokyo = this.segments.count(condition("prefecture", "eq", "'東京都'"));
		assertThat(tokyo.size()).isEqualTo(3);
		assertThat(tokyo.reachable()).isEqualTo(Map.of(Channel.EMAIL, 1L, Channel.LINE, 1L, Channel.SMS, 2L));
	}

	@Test
	void savesSnapshotsAndPagesMembers() {
		long id = this.segments.create("Tokyo", condition("prefecture", "eq", "'東京都'"), "marketer");
		assertThat(this.segments.find(id)).hasValueSatisfying((segment) -> {
			assertThat(segment.name()).isEqualTo("Tokyo");
			assertThat(segment.rule()).isEqualTo(condition("prefecture", "eq", "'東京都'"));
			assertThat(segment.createdBy()).isEqualTo("marketer");
		});
		assertThat(this.segments.snapshots(id)).singleElement().satisfies((snapshot) -> {
			assertThat(snapshot.size()).isEqualTo(3);
			assertThat(snapshot.reachEmail()).isEqualTo(1);
			assertThat(snapshot.reachLine()).isEqualTo(1);
			assertThat(snapshot.reachSms()).isEqualTo(2);
		});
		assertThat(this.jdbc.sql("select count(*) from segmentation.segment_member where segment_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(3);

		MemberPage first = this.segments.members(id, 0, 2).orElseThrow();
		assertThat(first.content()).extracting(SegmentMember::externalId).containsExactly("seg-1", "seg-3");
		assertThat(first.totalElements()).isEqualTo(3);
		assertThat(first.totalPages()).isEqualTo(2);
		assertThat(first.content().get(0).email()).isEqualTo("aiko@example.jp");
		assertThat(this.segments.members(id, 1, 2).orElseThrow().content()).extracting(SegmentMember::externalId)
			.containsExactly("seg-5");

		this.jdbc.sql("update domain.customer set prefecture = '東京都' where external_id = 'seg-2'").update();
		assertThat(this.segments.count(id).orElseThrow().size()).as("counts are live").isEqualTo(4);
		assertThat(this.segments.refresh(id).orElseThrow().size()).isEqualTo(4);
		assertThat(this.segments.snapshots(id)).extracting(SegmentSnapshot::size).containsExactly(3L, 4L);
		long seg2 = this.jdbc.sql("select id from domain.customer where external_id = 'seg-2'")
			.query(Long.class)
			.single();
		assertThat(this.segments.segmentsOf(seg2)).extracting(SegmentSummary::name).containsExactly("Tokyo");
		assertThat(this.segments.list()).singleElement().satisfies((summary) -> {
			assertThat(summary.lastSize()).isEqualTo(4);
			assertThat(summary.lastTakenAt()).isBefore(Instant.now().plusSeconds(1));
		});
	}

	@Test
	void refreshesSegmentsWhoseScheduleFired() {
		long due = this.segments.create("due", SegmentRule.EVERYONE, null);
		long notDue = this.segments.create("not due", SegmentRule.EVERYONE, null);
		this.segments.setRefreshCron(due, "0 * * * * *");
		this.segments.setRefreshCron(notDue, "0 0 0 1 1 *");
		this.jdbc.sql("update segmentation.segment_snapshot set taken_at = now() - interval '2 minutes'").update();
		assertThat(this.segments.refreshDue()).isEqualTo(1);
		assertThat(this.segments.snapshots(due)).hasSize(2);
		assertThat(this.segments.snapshots(notDue)).hasSize(1);
		this.segments.setRank(due, 7);
		assertThat(this.segments.find(due).orElseThrow().rankPriority()).isEqualTo(7);
		assertThat(this.segments.totalCustomers()).isEqualTo(5);
	}

	@Test
	void unknownSegmentsAreEmpty() {
		assertThat(this.segments.count(-1)).isEmpty();
		assertThat(this.segments.members(-1, 0, 20)).isEmpty();
		assertThat(this.segments.refresh(-1)).isEmpty();
	}

}
