package io.mawasu.crm.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A message text with placeholders: {@code {{name}}}, or {@code {{name|お客様}}} with a
 * default used when the customer has no value. Only customer attributes can be
 * placeholders, so a typo is caught when the content is saved, not when thousands of
 * messages go out.
 */
public final class ContentTemplate {

	/**
	 * The placeholders a content may use: customer attributes and the latest RFM segment.
	 */
	public static final Set<String> PLACEHOLDERS = Set.of("name", "email", "phone", "lineUserId", "gender", "birthDate",
			"prefecture", "city", "externalId", "tags", "rfmSegment");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}|]*?)\\s*(?:\\|([^}]*))?}}");

	private final String text;

	// Split once at parse: literal i comes before placeholder i (one literal more than
	// placeholders), so rendering a batch only appends.
	private final String[] literals;

	private final String[] names;

	private final @Nullable String[] defaults;

	private ContentTemplate(String text) {
		this.text = text;
		List<String> literals = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<@Nullable String> defaults = new ArrayList<>();
		Matcher matcher = PLACEHOLDER.matcher(text);
		int end = 0;
		while (matcher.find()) {
			literals.add(text.substring(end, matcher.start()));
			names.add(matcher.group(1));
			defaults.add(matcher.group(2));
			end = matcher.end();
		}
		literals.add(text.substring(end));
		this.literals = literals.toArray(String[]::new);
		this.names = names.toArray(String[]::new);
		this.defaults = defaults.toArray(String[]::new);
	}

	/**
	 * Parses a text, rejecting unknown placeholders and unclosed braces with a message
	 * that names them.
	 */
	public static ContentTemplate parse(String text) {
		List<String> unknown = new ArrayList<>();
		Matcher matcher = PLACEHOLDER.matcher(text);
		int end = 0;
		StringBuilder rest = new StringBuilder();
		while (matcher.find()) {
			if (!PLACEHOLDERS.contains(matcher.group(1))) {
				unknown.add("{{" + matcher.group(1) + "}}");
			}
			rest.append(text, end, matcher.start());
			end = matcher.end();
		}
		rest.append(text.substring(end));
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown placeholder " + String.join(", ", unknown) + "; use one of "
					+ String.join(", ", PLACEHOLDERS.stream().sorted().toList()));
		}
		int open = rest.indexOf("{{");
		if (open >= 0) {
			throw new IllegalArgumentException("'{{' without a matching '}}' near \""
					+ rest.substring(open, Math.min(rest.length(), open + 20)) + "\"");
		}
		return new ContentTemplate(text);
	}

	/** The placeholder names this text uses, in order of first use. */
	public Set<String> placeholders() {
		return new LinkedHashSet<>(List.of(this.names));
	}

	/**
	 * Fills the placeholders from {@code values}; in HTML the values (and defaults) are
	 * escaped, the template's own markup is not.
	 */
	public String render(Map<String, @Nullable String> values, boolean html) {
		StringBuilder out = new StringBuilder(this.text.length() + 64);
		for (int i = 0; i < this.names.length; i++) {
			out.append(this.literals[i]);
			String value = values.get(this.names[i]);
			if (value == null || value.isBlank()) {
				value = (this.defaults[i] != null) ? this.defaults[i] : "";
			}
			out.append(html ? escape(value) : value);
		}
		return out.append(this.literals[this.names.length]).toString();
	}

	/**
	 * How many SMS parts a text needs: 160 / 153 characters per part in the GSM 7-bit
	 * alphabet, 70 / 67 when any character (e.g. Japanese) needs UCS-2.
	 */
	public static int smsSegments(String text) {
		boolean gsm = text.chars().allMatch((c) -> c < 128 && c != '`');
		int length = text.codePoints().map((c) -> (c > 0xFFFF) ? 2 : 1).sum();
		int single = gsm ? 160 : 70;
		int multi = gsm ? 153 : 67;
		if (length == 0) {
			return 0;
		}
		return (length <= single) ? 1 : (length + multi - 1) / multi;
	}

	private static String escape(String value) {
		StringBuilder out = new StringBuilder(value.length() + 16);
		for (char c : value.toCharArray()) {
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
