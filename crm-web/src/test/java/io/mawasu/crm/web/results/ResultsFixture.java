package io.mawasu.crm.web.results;

import java.util.UUID;

import io.mawasu.crm.analytics.MetricsRollups;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A finished scenario written straight into the tables for page tests: 20 customers (10
 * F, 10 M), 12 in treatment (variants A and B alternate) and 8 in control, enrolled a day
 * ago; every treatment message delivered, 6 opened, 3 clicked; purchases inside the
 * window by 6 treatment and 1 control customers. The rollups are rebuilt afterwards.
 */
public final class ResultsFixture {

	public static final int TREATMENT = 12;

	public static final int CONTROL = 8;

	public static final int TREATMENT_CONVERSIONS = 6;

	public static final int CONTROL_CONVERSIONS = 1;

	private ResultsFixture() {
	}

	/** Seeds the scenario and returns its id. */
	public static long seed(JdbcClient jdbc, MetricsRollups rollups) {
		String tag = "results-" + UUID.randomUUID().toString().substring(0, 8);
		long scenario = jdbc.sql("""
				insert into scenario.scenario (name, segment_id, status, control_percent, definition)
				values (:name, 0, 'ACTIVE', 40, cast(:definition as jsonb)) returning id
				""")
			.param("name", "Results " + tag)
			.param("definition",
					"""
							{"name":"Results","segmentId":0,"controlPercent":40,"goal":{"type":"PURCHASE","withinDays":7},
							 "steps":[{"key":"s1","type":"SEND","channel":"EMAIL","contentId":1,"next":"x"},{"key":"x","type":"EXIT"}]}""")
			.query(Long.class)
			.single();
		for (int i = 0; i < TREATMENT + CONTROL; i++) {
			boolean treated = i < TREATMENT;
			long customer = jdbc.sql("""
					insert into domain.customer (external_id, gender, prefecture) values (:e, :g, :p) returning id
					""")
				.param("e", tag + "-" + i)
				.param("g", (i % 2 == 0) ? "F" : "M")
				.param("p", (i % 3 == 0) ? "Tokyo" : "Osaka")
				.query(Long.class)
				.single();
			long enrollment = jdbc.sql("""
					insert into scenario.enrollment (scenario_id, customer_id, grp, step_key, enrolled_at)
					values (:s, :c, :g, 'x', now() - interval '1 day') returning id
					""")
				.param("s", scenario)
				.param("c", customer)
				.param("g", treated ? "TREATMENT" : "CONTROL")
				.query(Long.class)
				.single();
			jdbc.sql("""
					insert into scenario.enrollment_event (enrollment_id, step_key, kind, at)
					values (:e, 's1', :k, now() - interval '1 day')
					""").param("e", enrollment).param("k", treated ? "QUEUED" : "CONTROL_HELD").update();
			if (treated) {
				long message = jdbc
					.sql("""
							insert into delivery.message (source_type, source_id, step_key, customer_id, channel, variant, state,
								sent_at, finished_at)
							values ('SCENARIO', :s, 's1', :c, 'EMAIL', :v, 'SENT', now() - interval '1 day' + interval '1 minute',
								now() - interval '1 day' + interval '1 minute')
							returning id
							""")
					.param("s", scenario)
					.param("c", customer)
					.param("v", (i % 2 == 0) ? "A" : "B")
					.query(Long.class)
					.single();
				if (i < 6) {
					event(jdbc, message, customer, "OPENED", true);
				}
				if (i < 3) {
					event(jdbc, message, customer, "CLICKED", true);
				}
			}
			boolean converts = treated ? i < TREATMENT_CONVERSIONS : i == TREATMENT;
			if (converts) {
				jdbc.sql("""
						insert into domain.orders (external_id, customer_id, ordered_at, amount)
						values (:e, :c, now() - interval '12 hours', 4000)
						""").param("e", tag + "-o-" + i).param("c", customer).update();
			}
		}
		rollups.rebuild();
		return scenario;
	}

	private static void event(JdbcClient jdbc, long message, long customer, String kind, boolean first) {
		jdbc.sql("""
				insert into delivery.event (message_id, customer_id, channel, kind, at, first)
				values (:m, :c, 'EMAIL', :k, now() - interval '20 hours', :f)
				""").param("m", message).param("c", customer).param("k", kind).param("f", first).update();
	}

}
