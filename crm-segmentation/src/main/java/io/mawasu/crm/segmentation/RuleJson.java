package io.mawasu.crm.segmentation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.customer.Gender;
import io.mawasu.crm.segmentation.SegmentRule.All;
import io.mawasu.crm.segmentation.SegmentRule.Any;
import io.mawasu.crm.segmentation.SegmentRule.Condition;
import io.mawasu.crm.segmentation.SegmentRule.Not;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@link SegmentRule} JSON; reading checks the whole tree and names the
 * JSON path of the first fault.
 */
final class RuleJson {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> CONDITION_KEYS = Set.of("field", "op", "value");

	private RuleJson() {
	}

	static JsonNode write(SegmentRule rule) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode node = nodes.objectNode();
		if (rule instanceof All all) {
			ArrayNode array = node.putArray("all");
			all.rules().forEach((child) -> array.add(write(child)));
		}
		else if (rule instanceof Any any) {
			ArrayNode array = node.putArray("any");
			any.rules().forEach((child) -> array.add(write(child)));
		}
		else if (rule instanceof Not not) {
			node.set("not", write(not.rule()));
		}
		else {
			Condition condition = (Condition) rule;
			node.put("field", condition.field().json());
			node.put("op", condition.op().json());
			if (condition.op().takesList()) {
				ArrayNode array = node.putArray("value");
				condition.values().forEach((value) -> array.add(value(value)));
			}
			else {
				node.set("value", value(condition.value()));
			}
		}
		return node;
	}

	static SegmentRule read(String json) {
		if (json.length() > SegmentRule.MAX_JSON_LENGTH) {
			throw new InvalidSegmentRule("rule", "is " + json.length() + " characters long; a rule may have at most "
					+ SegmentRule.MAX_JSON_LENGTH + " characters");
		}
		JsonNode node;
		try {
			node = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidSegmentRule("rule", "is not valid JSON (" + ex.getOriginalMessage() + ")");
		}
		return read(node);
	}

	static SegmentRule read(JsonNode node) {
		return read(node, "", 1, new int[] { 0 });
	}

	private static JsonNode value(Object value) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		if (value instanceof Long number) {
			return nodes.numberNode(number);
		}
		if (value instanceof BigDecimal number) {
			return nodes.numberNode(number);
		}
		return nodes.stringNode(value.toString());
	}

	/**
	 * Reads one level; {@code depth} counts the levels from the root (1) and
	 * {@code conditions[0]} the conditions read so far, so that a deep or wide tree is
	 * refused before it is walked any further (recursion never goes deeper than
	 * {@link SegmentRule#MAX_DEPTH}).
	 */
	private static SegmentRule read(JsonNode node, String path, int depth, int[] conditions) {
		String here = path.isEmpty() ? "rule" : path;
		if (depth > SegmentRule.MAX_DEPTH) {
			throw new InvalidSegmentRule(here, "is nested too deeply; a rule may nest all, any and not at most "
					+ SegmentRule.MAX_DEPTH + " levels deep");
		}
		if (node == null || node.isMissingNode() || node.isNull()) {
			throw new InvalidSegmentRule(here, "is missing: give {\"all\":[…]}, {\"any\":[…]}, {\"not\":…} "
					+ "or a condition {\"field\":…,\"op\":…,\"value\":…}");
		}
		if (!node.isObject()) {
			throw new InvalidSegmentRule(here, "must be an object: {\"all\":[…]}, {\"any\":[…]}, {\"not\":…} "
					+ "or a condition {\"field\":…,\"op\":…,\"value\":…}");
		}
		for (String group : List.of("all", "any", "not")) {
			if (node.has(group)) {
				onlyKey(node, path, group);
				return group(node.get(group), group, join(path, group), depth, conditions);
			}
		}
		if (!node.has("field")) {
			String key = node.propertyNames().stream().findFirst().orElse(null);
			if (key == null) {
				throw new InvalidSegmentRule(here, "is empty: give {\"all\":[…]}, {\"any\":[…]}, {\"not\":…} "
						+ "or a condition {\"field\":…,\"op\":…,\"value\":…}");
			}
			throw new InvalidSegmentRule(join(path, key),
					"unknown key '" + key + "': a rule is all, any, not or a condition with field, op, value");
		}
		for (String key : node.propertyNames()) {
			if (!CONDITION_KEYS.contains(key)) {
				throw new InvalidSegmentRule(join(path, key),
						"unknown key '" + key + "' in a condition: only field, op and value");
			}
		}
		if (++conditions[0] > SegmentRule.MAX_CONDITIONS) {
			throw new InvalidSegmentRule(here,
					"is one condition too many; a rule may have at most " + SegmentRule.MAX_CONDITIONS + " conditions");
		}
		return condition(node, path);
	}

	private static void onlyKey(JsonNode node, String path, String key) {
		for (String other : node.propertyNames()) {
			if (!other.equals(key)) {
				throw new InvalidSegmentRule(join(path, other),
						"unexpected next to '" + key + "': put each rule in its own object");
			}
		}
	}

	private static SegmentRule group(JsonNode value, String kind, String path, int depth, int[] conditions) {
		if (kind.equals("not")) {
			return new Not(read(value, path, depth + 1, conditions));
		}
		if (!value.isArray()) {
			throw new InvalidSegmentRule(path, "must be a list of rules");
		}
		if (value.size() > SegmentRule.MAX_CONDITIONS) {
			throw new InvalidSegmentRule(path, "has " + value.size() + " rules; a rule may have at most "
					+ SegmentRule.MAX_CONDITIONS + " conditions");
		}
		List<SegmentRule> rules = new ArrayList<>();
		for (int i = 0; i < value.size(); i++) {
			rules.add(read(value.get(i), path + "[" + i + "]", depth + 1, conditions));
		}
		return kind.equals("all") ? new All(rules) : new Any(rules);
	}

	private static Condition condition(JsonNode node, String path) {
		JsonNode fieldNode = node.get("field");
		String fieldPath = join(path, "field");
		if (!fieldNode.isString()) {
			throw new InvalidSegmentRule(fieldPath, "must be the name of a field, one of " + fieldNames());
		}
		RuleField field = RuleField.ofJson(fieldNode.stringValue())
			.orElseThrow(() -> new InvalidSegmentRule(fieldPath,
					"unknown field '" + fieldNode.stringValue() + "'; use one of " + fieldNames()));
		JsonNode opNode = node.get("op");
		String opPath = join(path, "op");
		if (opNode == null || !opNode.isString()) {
			throw new InvalidSegmentRule(opPath, "is missing: give an operator, one of " + opNames(field));
		}
		RuleOperator op = RuleOperator.ofJson(opNode.stringValue())
			.orElseThrow(() -> new InvalidSegmentRule(opPath, "unknown operator '" + opNode.stringValue()
					+ "'; use one of "
					+ Arrays.stream(RuleOperator.values()).map(RuleOperator::json).collect(Collectors.joining(", "))));
		if (!field.allows(op)) {
			throw new InvalidSegmentRule(opPath, "operator '" + op.json() + "' is not valid for field '" + field.json()
					+ "'; use one of " + opNames(field));
		}
		String valuePath = join(path, "value");
		JsonNode valueNode = node.get("value");
		if (valueNode == null || valueNode.isNull()) {
			throw new InvalidSegmentRule(valuePath, "segments.rule.valueMissing", "is missing: " + expected(field, op),
					field);
		}
		List<Object> values = new ArrayList<>();
		if (op.takesList()) {
			if (!valueNode.isArray()) {
				throw new InvalidSegmentRule(valuePath, "must be a list: " + expected(field, op));
			}
			if (op == RuleOperator.BETWEEN && valueNode.size() != 2) {
				throw new InvalidSegmentRule(valuePath, "must be two values [lo, hi]: " + expected(field, op));
			}
			if (valueNode.isEmpty()) {
				throw new InvalidSegmentRule(valuePath, "segments.rule.valueMissing",
						"must not be empty: " + expected(field, op), field);
			}
			if (valueNode.size() > SegmentRule.MAX_VALUES) {
				throw new InvalidSegmentRule(valuePath,
						"has " + valueNode.size() + " values; a condition may list at most " + SegmentRule.MAX_VALUES);
			}
			for (int i = 0; i < valueNode.size(); i++) {
				values.add(scalar(field, op, valueNode.get(i), valuePath + "[" + i + "]"));
			}
			if (op == RuleOperator.BETWEEN && compare(values.get(0), values.get(1)) > 0) {
				throw new InvalidSegmentRule(valuePath, "segments.rule.bounds",
						"the lower bound " + values.get(0) + " is above the upper bound " + values.get(1),
						String.valueOf(values.get(0)), String.valueOf(values.get(1)));
			}
		}
		else {
			values.add(scalar(field, op, valueNode, valuePath));
		}
		return new Condition(field, op, values);
	}

	private static Object scalar(RuleField field, RuleOperator op, JsonNode node, String path) {
		RuleField.ValueKind kind = field.kind();
		switch (kind) {
			case TEXT -> {
				if (!node.isString() || node.stringValue().isBlank()) {
					throw new InvalidSegmentRule(path, "segments.rule.text",
							"must be text: " + expected(field, op) + ", got " + node, field);
				}
				String text = node.stringValue().strip();
				if (text.length() > SegmentRule.MAX_VALUE_LENGTH) {
					throw new InvalidSegmentRule(path, "has " + text.length() + " characters; a value may have at most "
							+ SegmentRule.MAX_VALUE_LENGTH);
				}
				if (text.indexOf('\u0000') >= 0) {
					throw new InvalidSegmentRule(path, "contains the NUL character (\\u0000), which text may not hold");
				}
				return text;
			}
			case GENDER -> {
				String text = node.isString() ? node.stringValue().strip().toUpperCase(Locale.ROOT) : "";
				if (Arrays.stream(Gender.values()).noneMatch((g) -> g.name().equals(text))) {
					throw new InvalidSegmentRule(path, "segments.rule.gender",
							"must be F, M or O for field 'gender', got " + node, field, String.valueOf(node));
				}
				return text;
			}
			case CHANNEL -> {
				String text = node.isString() ? node.stringValue().strip().toUpperCase(Locale.ROOT) : "";
				if (Arrays.stream(Channel.values()).noneMatch((c) -> c.name().equals(text))) {
					throw new InvalidSegmentRule(path, "segments.rule.channel",
							"must be a channel, EMAIL, LINE or SMS, for field '" + field.json() + "', got " + node,
							field, String.valueOf(node));
				}
				return text;
			}
			case STAGE -> {
				String text = node.isString() ? node.stringValue().strip().toUpperCase(Locale.ROOT) : "";
				if (JourneyStage.of(text).isEmpty()) {
					throw new InvalidSegmentRule(path, "segments.rule.stage",
							"must be a journey stage, REGISTERED, FIRST, REPEAT or REGULAR, for field '" + field.json()
									+ "', got " + node,
							field, String.valueOf(node));
				}
				return text;
			}
			case AMOUNT -> {
				if (!node.isNumber() || node.decimalValue().signum() < 0) {
					throw new InvalidSegmentRule(path, "segments.rule.amount",
							"must be a number from 0 for field '" + field.json() + "', got " + node, field,
							String.valueOf(node));
				}
				return node.decimalValue().stripTrailingZeros();
			}
			default -> {
				long min = (kind == RuleField.ValueKind.SCORE || kind == RuleField.ValueKind.LEVEL
						|| kind == RuleField.ValueKind.ID) ? 1 : 0;
				long max = switch (kind) {
					case SCORE -> 5;
					case LEVEL -> JourneyProperties.LEVELS;
					case AGE -> 150;
					case ID -> Long.MAX_VALUE;
					default -> 1_000_000_000L;
				};
				if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min
						|| node.longValue() > max) {
					throw new InvalidSegmentRule(
							path, "segments.rule.wholeNumber", "must be a whole number from " + min + " to " + max
									+ " for field '" + field.json() + "', got " + node,
							field, min, max, String.valueOf(node));
				}
				return node.longValue();
			}
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static int compare(Object a, Object b) {
		return ((Comparable) a).compareTo(b);
	}

	private static String expected(RuleField field, RuleOperator op) {
		String one = switch (field.kind()) {
			case TEXT -> "text";
			case GENDER -> "F, M or O";
			case CHANNEL -> "EMAIL, LINE or SMS";
			case AMOUNT -> "a number";
			case SCORE -> "a whole number 1-5";
			case STAGE -> "REGISTERED, FIRST, REPEAT or REGULAR";
			case LEVEL -> "a whole number 1-" + JourneyProperties.LEVELS;
			case ID -> "an id";
			default -> "a whole number";
		};
		return switch (op) {
			case IN, NOT_IN -> "field '" + field.json() + "' with '" + op.json() + "' takes a list of " + one;
			case BETWEEN -> "field '" + field.json() + "' with 'between' takes [lo, hi] of " + one;
			default -> "field '" + field.json() + "' with '" + op.json() + "' takes " + one;
		};
	}

	private static String fieldNames() {
		return Arrays.stream(RuleField.values()).map(RuleField::json).collect(Collectors.joining(", "));
	}

	private static String opNames(RuleField field) {
		return field.operators().stream().map(RuleOperator::json).collect(Collectors.joining(", "));
	}

	private static String join(String path, String key) {
		return path.isEmpty() ? key : path + "." + key;
	}

}
