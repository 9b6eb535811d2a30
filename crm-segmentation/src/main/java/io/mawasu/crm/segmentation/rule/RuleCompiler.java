package io.mawasu.crm.segmentation.rule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.mawasu.crm.segmentation.JourneyProperties;
import io.mawasu.crm.segmentation.RuleField;
import io.mawasu.crm.segmentation.RuleOperator;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.SegmentRule.All;
import io.mawasu.crm.segmentation.SegmentRule.Any;
import io.mawasu.crm.segmentation.SegmentRule.Condition;
import io.mawasu.crm.segmentation.SegmentRule.Not;

/**
 * Compiles a {@link SegmentRule} to SQL over {@code domain.v_customer c}. Field names map
 * to SQL from a fixed whitelist; values only ever become bind parameters, a list one
 * array parameter ({@code = any(:p)}).
 * <p>
 * A condition on a missing fact (no birth date, no order) is false, and so is its
 * negation's inner test: {@code not} is written as {@code (…) is not true}, {@code ne} as
 * {@code is distinct from} and {@code notIn} as {@code (… in …) is not true}, so
 * {@code not} is always the exact complement. Behavioural fields read
 * {@code domain.v_customer_summary} (one row per customer); r/f/m/rfmSegment the latest
 * finished RFM run; pAlive/expectedPurchases/predictedClv the newest CLV fit; days are
 * calendar days in the shop's zone up to {@code today}. journeyStage and affinity apply
 * {@link JourneyProperties}' rule to the summary (positive orders, last positive order,
 * first order) and the latest open / click per channel of
 * {@code domain.v_customer_engagement}, which for today is the same as the journey's
 * history-based evaluation. receivedContent reads crm-delivery's
 * {@code delivery.v_message} (SENT messages) and inScenario crm-scenario's
 * {@code scenario.v_enrollment} (ACTIVE enrolments), each a correlated {@code exists} on
 * customer_id that the owners' partial indexes can serve ({@code delivery.message
 * (customer_id, sent_at) where SENT}, {@code scenario.enrollment (customer_id) where
 * ACTIVE}).
 */
public final class RuleCompiler {

	static final String SUMMARY_JOIN = "left join domain.v_customer_summary s on s.customer_id = c.id";

	static final String RFM_JOIN = "left join segmentation.rfm_score rs on rs.customer_id = c.id and rs.run_id = "
			+ "(select max(id) from segmentation.rfm_run where status = 'DONE')";

	static final String CLV_JOIN = "left join segmentation.clv_prediction cp on cp.customer_id = c.id and cp.fit_id = "
			+ "(select max(id) from segmentation.clv_fit)";

	private final LocalDate today;

	private final ZoneId zone;

	private final JourneyProperties journey;

	private final Map<String, Object> parameters = new LinkedHashMap<>();

	private boolean summary;

	private boolean rfm;

	private boolean clv;

	private RuleCompiler(LocalDate today, ZoneId zone, JourneyProperties journey) {
		this.today = today;
		this.zone = zone;
		this.journey = journey;
	}

	/**
	 * Compiles the rule for the given day in the shop's zone, with the default journey
	 * rule.
	 */
	public static CompiledRule compile(SegmentRule rule, LocalDate today, ZoneId zone) {
		return compile(rule, today, zone, JourneyProperties.defaults());
	}

	/** Compiles the rule for the given day in the shop's zone. */
	public static CompiledRule compile(SegmentRule rule, LocalDate today, ZoneId zone, JourneyProperties journey) {
		RuleCompiler compiler = new RuleCompiler(today, zone, journey);
		String where = compiler.predicate(rule);
		StringBuilder from = new StringBuilder("domain.v_customer c");
		if (compiler.summary) {
			from.append("\n").append(SUMMARY_JOIN);
		}
		if (compiler.rfm) {
			from.append("\n").append(RFM_JOIN);
		}
		if (compiler.clv) {
			from.append("\n").append(CLV_JOIN);
		}
		return new CompiledRule(from.toString(), where, compiler.parameters);
	}

	private String predicate(SegmentRule rule) {
		if (rule instanceof All all) {
			return all.rules().isEmpty() ? "true" : group(all.rules(), " and ");
		}
		if (rule instanceof Any any) {
			return any.rules().isEmpty() ? "false" : group(any.rules(), " or ");
		}
		if (rule instanceof Not not) {
			return "((" + predicate(not.rule()) + ") is not true)";
		}
		return condition((Condition) rule);
	}

	private String group(List<SegmentRule> rules, String joiner) {
		return rules.stream().map(this::predicate).collect(Collectors.joining(joiner, "(", ")"));
	}

	private String condition(Condition condition) {
		return switch (condition.field()) {
			case AGE -> monotone(age(), condition);
			case REGISTERED_DAYS -> monotone(daysSince("c.registered_at"), condition);
			case RECENCY_DAYS -> monotone(daysSince(summary("s.last_positive_ordered_at")), condition);
			case OPENED_WITHIN_DAYS -> monotone(daysSince(engagementAt("last_opened_at")), condition);
			case CLICKED_WITHIN_DAYS -> monotone(daysSince(engagementAt("last_clicked_at")), condition);
			case TAG -> tag(condition);
			case PURCHASED_CATEGORY -> purchased("o.category", condition);
			case PURCHASED_BRAND -> purchased("o.brand", condition);
			case CONSENT -> consent(condition);
			case RECEIVED_CONTENT -> exists("delivery.v_message m where m.customer_id = c.id and m.state = 'SENT'",
					"m.content_id", condition);
			case IN_SCENARIO -> exists("scenario.v_enrollment e where e.customer_id = c.id and e.state = 'ACTIVE'",
					"e.scenario_id", condition);
			default -> compare(expression(condition.field()), condition);
		};
	}

	private String expression(RuleField field) {
		return switch (field) {
			case GENDER -> "cast(c.gender as text)";
			case PREFECTURE -> "c.prefecture";
			case CITY -> "c.city";
			case FREQUENCY -> summary("coalesce(s.positive_order_count, 0)");
			case ORDER_COUNT -> summary("coalesce(s.order_count, 0)");
			case MONETARY -> summary("coalesce(s.total_spent, 0)");
			case RFM_SEGMENT -> rfm("rs.segment_code");
			case R -> rfm("rs.r");
			case F -> rfm("rs.f");
			case M -> rfm("rs.m");
			case P_ALIVE -> clv("cp.p_alive");
			case EXPECTED_PURCHASES -> clv("cp.expected_purchases");
			case PREDICTED_CLV -> clv("cp.clv");
			case JOURNEY_STAGE -> journeyStage();
			case AFFINITY -> affinity();
			default -> throw new IllegalStateException("No SQL expression for " + field);
		};
	}

	private String compare(String expression, Condition condition) {
		List<Object> values = condition.values();
		return switch (condition.op()) {
			case EQ -> expression + " = " + bind(values.get(0));
			case NE -> expression + " is distinct from " + bind(values.get(0));
			case IN -> expression + " = any(" + bindArray(values) + ")";
			case NOT_IN -> "((" + expression + " = any(" + bindArray(values) + ")) is not true)";
			case GT -> expression + " > " + bind(values.get(0));
			case GTE -> expression + " >= " + bind(values.get(0));
			case LT -> expression + " < " + bind(values.get(0));
			case LTE -> expression + " <= " + bind(values.get(0));
			case BETWEEN -> "(" + expression + " between " + bind(values.get(0)) + " and " + bind(values.get(1)) + ")";
			case CONTAINS -> "position(lower(" + bind(values.get(0)) + ") in lower(" + expression + ")) > 0";
		};
	}

	/**
	 * A whole-number field that falls as its stored column rises (age as birth dates,
	 * days since as timestamps) is compared on the column itself, so the condition reads
	 * the column as stored: no per-row arithmetic, and an index on it can serve.
	 */
	private interface Monotone {

		/** The field's value is at least n. */
		String atLeast(long n);

		/** The field's value is at most n. */
		String atMost(long n);

	}

	/** Age in whole years on today: age ≥ n ⇔ born on or before today − n years. */
	private Monotone age() {
		return new Monotone() {
			public String atLeast(long n) {
				return "c.birth_date <= " + bind(RuleCompiler.this.today.minusYears(n));
			}

			public String atMost(long n) {
				return "c.birth_date > " + bind(RuleCompiler.this.today.minusYears(n + 1));
			}
		};
	}

	/**
	 * Calendar days in the shop's zone from the column's day to today: days ≥ n ⇔ before
	 * the start of day (today − n + 1); days ≤ n ⇔ from the start of day (today − n).
	 */
	private Monotone daysSince(String column) {
		return new Monotone() {
			public String atLeast(long n) {
				return column + " < " + bind(startOfDay(n - 1));
			}

			public String atMost(long n) {
				return column + " >= " + bind(startOfDay(n));
			}
		};
	}

	private OffsetDateTime startOfDay(long daysAgo) {
		return this.today.minusDays(daysAgo).atStartOfDay(this.zone).toOffsetDateTime();
	}

	private String monotone(Monotone field, Condition condition) {
		List<Long> values = condition.values().stream().map(Long.class::cast).toList();
		return switch (condition.op()) {
			case EQ -> exactly(field, values.get(0));
			case NE -> "((" + exactly(field, values.get(0)) + ") is not true)";
			case IN -> values.stream().map((v) -> exactly(field, v)).collect(Collectors.joining(" or ", "(", ")"));
			case NOT_IN -> "((" + values.stream().map((v) -> exactly(field, v)).collect(Collectors.joining(" or "))
					+ ") is not true)";
			case GT -> field.atLeast(values.get(0) + 1);
			case GTE -> field.atLeast(values.get(0));
			case LT -> field.atMost(values.get(0) - 1);
			case LTE -> field.atMost(values.get(0));
			case BETWEEN -> "(" + field.atLeast(values.get(0)) + " and " + field.atMost(values.get(1)) + ")";
			case CONTAINS -> throw new IllegalStateException("contains is not valid for " + condition.field());
		};
	}

	private String exactly(Monotone field, long n) {
		return "(" + field.atLeast(n) + " and " + field.atMost(n) + ")";
	}

	private String engagementAt(String column) {
		return "(select max(e." + column + ") from domain.v_customer_engagement e where e.customer_id = c.id)";
	}

	/**
	 * The stage as of today; null (no match) for a customer not yet on the map. Counts
	 * the summary's positive orders, as {@code frequency} does.
	 */
	private String journeyStage() {
		return "(case when " + onJourneyMap() + " then (case when coalesce(s.positive_order_count, 0) = 0 "
				+ "then 'REGISTERED' when s.positive_order_count = 1 then 'FIRST' when s.positive_order_count < "
				+ bind((long) this.journey.regularPurchases()) + " then 'REPEAT' else 'REGULAR' end) end)";
	}

	/** The affinity level 1 + R + E as of today; null for a customer not on the map. */
	private String affinity() {
		JourneyProperties.Bounds bounds = this.journey.bounds(this.today, this.zone);
		String engagedFrom = bind(bounds.engagedFrom());
		return "(case when " + onJourneyMap() + " then 1 + (case when s.last_positive_ordered_at >= "
				+ bind(bounds.recentFrom()) + " then 2 when s.last_positive_ordered_at >= " + bind(bounds.lapsingFrom())
				+ " then 1 else 0 end) + (case when exists (select 1 from "
				+ "domain.v_customer_engagement e where e.customer_id = c.id and (e.last_opened_at >= " + engagedFrom
				+ " or e.last_clicked_at >= " + engagedFrom + ")) then 1 else 0 end) end)";
	}

	/** Registered (or, without a date, first ordered or added) by the end of today. */
	private String onJourneyMap() {
		return summary("coalesce(c.registered_at, s.first_ordered_at, c.created_at) < "
				+ bind(this.journey.bounds(this.today, this.zone).end()));
	}

	private String tag(Condition condition) {
		List<Object> values = condition.values();
		return switch (condition.op()) {
			case EQ, CONTAINS -> "c.tags @> array[cast(" + bind(values.get(0)) + " as text)]";
			case NE -> "not (c.tags @> array[cast(" + bind(values.get(0)) + " as text)])";
			case IN -> "c.tags && " + bindArray(values);
			case NOT_IN -> "not (c.tags && " + bindArray(values) + ")";
			default -> throw new IllegalStateException(condition.op() + " is not valid for tag");
		};
	}

	private String purchased(String column, Condition condition) {
		String exists = "exists (select 1 from domain.v_order o where o.customer_id = c.id and ";
		List<Object> values = condition.values();
		return switch (condition.op()) {
			case EQ -> exists + column + " = " + bind(values.get(0)) + ")";
			case NE -> "not " + exists + column + " = " + bind(values.get(0)) + ")";
			case IN -> exists + column + " = any(" + bindArray(values) + "))";
			case NOT_IN -> "not " + exists + column + " = any(" + bindArray(values) + "))";
			case CONTAINS -> exists + "position(lower(" + bind(values.get(0)) + ") in lower(" + column + ")) > 0)";
			default -> throw new IllegalStateException(condition.op() + " is not valid for " + column);
		};
	}

	private String consent(Condition condition) {
		String exists = "exists (select 1 from domain.v_consent_current k where k.customer_id = c.id and k.status = 'OPT_IN' "
				+ "and k.channel";
		List<Object> values = condition.values();
		return switch (condition.op()) {
			case EQ -> exists + " = " + bind(values.get(0)) + ")";
			case NE -> "not " + exists + " = " + bind(values.get(0)) + ")";
			case IN -> exists + " = any(" + bindArray(values) + "))";
			case NOT_IN -> "not " + exists + " = any(" + bindArray(values) + "))";
			default -> throw new IllegalStateException(condition.op() + " is not valid for consent");
		};
	}

	/** Whether a row of another module's view about the customer has the value. */
	private String exists(String rows, String column, Condition condition) {
		String exists = "exists (select 1 from " + rows + " and " + column;
		List<Object> values = condition.values();
		return switch (condition.op()) {
			case EQ -> exists + " = " + bind(values.get(0)) + ")";
			case NE -> "not " + exists + " = " + bind(values.get(0)) + ")";
			case IN -> exists + " = any(" + bindArray(values) + "))";
			case NOT_IN -> "not " + exists + " = any(" + bindArray(values) + "))";
			default -> throw new IllegalStateException(condition.op() + " is not valid for " + condition.field());
		};
	}

	private String summary(String expression) {
		this.summary = true;
		return expression;
	}

	private String rfm(String expression) {
		this.rfm = true;
		return expression;
	}

	private String clv(String expression) {
		this.clv = true;
		return expression;
	}

	private String bind(Object value) {
		String name = "p" + this.parameters.size();
		this.parameters.put(name, value);
		return ":" + name;
	}

	/**
	 * A list as ONE array parameter, cast to its SQL type: a list of 65,536 values would
	 * otherwise need as many bind parameters, beyond PostgreSQL's limit of 65,535.
	 */
	private String bindArray(List<Object> values) {
		Object first = values.get(0);
		if (first instanceof Long) {
			return "cast(" + bind(values.stream().map(Long.class::cast).toArray(Long[]::new)) + " as bigint[])";
		}
		if (first instanceof BigDecimal) {
			return "cast(" + bind(values.stream().map(BigDecimal.class::cast).toArray(BigDecimal[]::new))
					+ " as numeric[])";
		}
		return "cast(" + bind(values.stream().map(String::valueOf).toArray(String[]::new)) + " as text[])";
	}

}
