package io.mawasu.crm.web.segments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mawasu.crm.web.DisplayFormats;
import tools.jackson.databind.JsonNode;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A saved rule as the sentence the builder shows while editing it: "Customers whose
 * Prefecture is 東京都, and Days since last purchase at most 30 days." Values are shown by
 * their labels (RFM segment names, prefecture names in the language, channels).
 */
@Component
class SegmentSentence {

	private final SegmentFields fields;

	private final MessageSource messages;

	private final DisplayFormats formats;

	SegmentSentence(SegmentFields fields, MessageSource messages, DisplayFormats formats) {
		this.fields = fields;
		this.messages = messages;
		this.formats = formats;
	}

	String describe(JsonNode rule, Locale locale) {
		Map<String, SegmentFields.Field> byName = new HashMap<>();
		this.fields.fields(locale).forEach((f) -> byName.put(f.field(), f));
		String described = part(rule, byName, locale);
		return described.isEmpty() ? text("everyone", locale)
				: this.messages.getMessage("segments.builder.text.sentence", new Object[] { described }, locale);
	}

	private String part(JsonNode node, Map<String, SegmentFields.Field> fields, Locale locale) {
		if (node.has("all") || node.has("any")) {
			boolean any = node.has("any");
			List<String> parts = new ArrayList<>();
			for (JsonNode child : node.get(any ? "any" : "all")) {
				String inner = part(child, fields, locale);
				if (!inner.isEmpty()) {
					parts.add((child.has("all") || child.has("any")) ? "(" + inner + ")" : inner);
				}
			}
			return String.join(text(any ? "or" : "andJoin", locale), parts);
		}
		if (node.has("not")) {
			return this.messages.getMessage("segments.builder.text.not",
					new Object[] { part(node.get("not"), fields, locale) }, locale);
		}
		String name = node.path("field").asString("");
		SegmentFields.Field field = fields.get(name);
		String label = this.messages.getMessage("segments.field." + name, null, name, locale);
		String op = this.messages.getMessage("segments.op." + node.path("op").asString(""), null, "", locale);
		JsonNode value = node.path("value");
		String shown;
		if (value.isArray()) {
			List<String> values = new ArrayList<>();
			value.forEach((v) -> values.add(value(field, v, locale)));
			shown = "between".equals(node.path("op").asString(""))
					? String.join(" " + text("and", locale) + " ", values)
					: String.join(text("listJoin", locale), values);
		}
		else {
			shown = value(field, value, locale);
		}
		return label + " " + op + " " + shown;
	}

	private String value(SegmentFields.Field field, JsonNode value, Locale locale) {
		String raw = value.asString("");
		if (field == null) {
			return raw;
		}
		if (field.values() != null) {
			for (SegmentFields.Value choice : field.values()) {
				if (String.valueOf(choice.value()).equals(raw)) {
					return choice.label();
				}
			}
		}
		return switch (field.type()) {
			case "money" -> value.isNumber() ? this.formats.money(value.decimalValue()) : raw;
			case "days", "count", "age" -> raw + " " + text("unit." + field.type(), locale);
			default -> raw;
		};
	}

	private String text(String key, Locale locale) {
		String code = key.startsWith("unit.") ? "segments.builder." + key : "segments.builder.text." + key;
		return this.messages.getMessage(code, null, locale);
	}

}
