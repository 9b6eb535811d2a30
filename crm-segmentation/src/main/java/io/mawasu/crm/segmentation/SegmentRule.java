package io.mawasu.crm.segmentation;

import java.math.BigDecimal;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A segment rule, the JSON tree of DESIGN.md §4: {@code {"all":[RULE…]}},
 * {@code {"any":[RULE…]}}, {@code {"not":RULE}} or a condition
 * {@code {"field":F,"op":OP,"value":V}}. {@link #parse(JsonNode)} checks the whole tree
 * (fields, operators, value types) and names the JSON path of the first fault; a parsed
 * rule is always valid. {@code {"all":[]}} matches every customer, {@code {"any":[]}}
 * none. A rule is bounded so that one request cannot tie up the database: at most
 * {@link #MAX_CONDITIONS} conditions, {@link #MAX_DEPTH} levels, {@link #MAX_VALUES}
 * values per condition and {@link #MAX_VALUE_LENGTH} characters per text value.
 */
public sealed interface SegmentRule {

	/** The most conditions one rule may have, counted over the whole tree. */
	int MAX_CONDITIONS = 200;

	/** The deepest nesting of all, any and not (a single condition is depth 1). */
	int MAX_DEPTH = 10;

	/** The most values of one {@code in} / {@code notIn} condition. */
	int MAX_VALUES = 10_000;

	/** The longest text value. */
	int MAX_VALUE_LENGTH = 500;

	/** The longest rule as JSON text. */
	int MAX_JSON_LENGTH = 1_000_000;

	/** Every customer. */
	SegmentRule EVERYONE = new All(List.of());

	/** Every sub-rule holds. */
	record All(List<SegmentRule> rules) implements SegmentRule {

		public All {
			rules = List.copyOf(rules);
		}

	}

	/** At least one sub-rule holds. */
	record Any(List<SegmentRule> rules) implements SegmentRule {

		public Any {
			rules = List.copyOf(rules);
		}

	}

	/** The sub-rule does not hold (an unknown value counts as not holding). */
	record Not(SegmentRule rule) implements SegmentRule {

	}

	/**
	 * A test of one field. {@code values} holds one value, the list of {@code in} /
	 * {@code notIn}, or {@code [lo, hi]} of {@code between}; each is a {@link String},
	 * {@link Long} (whole numbers) or {@link BigDecimal} (amounts).
	 */
	record Condition(RuleField field, RuleOperator op, List<Object> values) implements SegmentRule {

		public Condition {
			values = List.copyOf(values);
		}

		public Object value() {
			return this.values.get(0);
		}

	}

	/** This rule as JSON, in the form {@link #parse(JsonNode)} reads. */
	default JsonNode toJson() {
		return RuleJson.write(this);
	}

	/**
	 * Parses and checks a rule tree; throws {@link InvalidSegmentRule} naming the fault.
	 */
	static SegmentRule parse(JsonNode node) {
		return RuleJson.read(node);
	}

	/** Parses and checks a rule written as JSON text. */
	static SegmentRule parse(String json) {
		return RuleJson.read(json);
	}

}
