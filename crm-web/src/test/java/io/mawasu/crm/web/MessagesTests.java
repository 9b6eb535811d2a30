package io.mawasu.crm.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mawasu.crm.web.security.Role;
import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.attoparser.dom.DOMMarkupParser;
import org.attoparser.dom.Document;
import org.attoparser.dom.Element;
import org.attoparser.dom.INestableNode;
import org.attoparser.dom.INode;
import org.attoparser.dom.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the two languages complete: both message files hold the same keys, every key a
 * template uses exists, and templates show no literal text. Each test lists every
 * offender with its file (and line) so they can all be fixed in one go.
 */
class MessagesTests {

	private static final String ENGLISH = "messages/messages.properties";

	private static final String JAPANESE = "messages/messages_ja.properties";

	/**
	 * {@code #{key}} or {@code #{key(args)}} with a literal key; dynamic keys are
	 * skipped.
	 */
	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.\\-]+)\\s*[}(]");

	/**
	 * Inline expressions, HTML character references and Thymeleaf's literal
	 * substitutions.
	 */
	private static final Pattern NOT_TEXT = Pattern.compile("\\[\\[.*?]]|\\[\\(.*?\\)]|&#?[A-Za-z0-9]+;",
			Pattern.DOTALL);

	private static final Pattern LETTER = Pattern.compile("\\p{L}");

	/** Attributes whose element body Thymeleaf replaces or removes. */
	private static final Set<String> BODY_REPLACING = Set.of("th:text", "th:utext", "data-th-text", "data-th-utext",
			"th:errors", "data-th-errors", "sec:authentication", "th:replace", "data-th-replace", "th:insert",
			"data-th-insert", "th:include", "th:substituteby");

	/** Attributes that browsers show as text. */
	private static final Set<String> VISIBLE_ATTRIBUTES = Set.of("placeholder", "title", "alt", "aria-label", "label");

	private static final Set<String> BUTTON_INPUTS = Set.of("submit", "button", "reset");

	private static Map<String, String> templates;

	@BeforeAll
	static void readTemplates() throws IOException {
		templates = new TreeMap<>();
		Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html");
		for (Resource resource : resources) {
			String path = resource.getURL().toString().replaceFirst("^.*/templates/", "templates/");
			try (InputStream in = resource.getInputStream()) {
				templates.put(path, StreamUtils.copyToString(in, StandardCharsets.UTF_8));
			}
		}
		assertThat(templates).as("templates found").isNotEmpty();
	}

	@Test
	void bothLanguagesHaveTheSameKeys() throws IOException {
		Set<String> english = load(ENGLISH).stringPropertyNames();
		Set<String> japanese = load(JAPANESE).stringPropertyNames();
		List<String> offenders = new ArrayList<>();
		new TreeSet<>(english).stream()
			.filter((key) -> !japanese.contains(key))
			.forEach((key) -> offenders.add(JAPANESE + " lacks " + key));
		new TreeSet<>(japanese).stream()
			.filter((key) -> !english.contains(key))
			.forEach((key) -> offenders.add(ENGLISH + " lacks " + key));
		assertThat(offenders).as("keys missing in one language").isEmpty();
	}

	@Test
	void noKeyIsDefinedTwiceOrLeftEmpty() throws IOException {
		List<String> offenders = new ArrayList<>();
		for (String file : List.of(ENGLISH, JAPANESE)) {
			Set<String> seen = new HashSet<>();
			boolean continued = false;
			int number = 0;
			for (String line : read(file).split("\\R", -1)) {
				number++;
				String trimmed = line.strip();
				boolean continuation = continued;
				continued = trimmed.endsWith("\\") && !trimmed.endsWith("\\\\");
				if (continuation || trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
					continue;
				}
				String key = trimmed.split("\\s*[=:]\\s*", 2)[0];
				if (!seen.add(key)) {
					offenders.add(file + ":" + number + ": " + key + " is defined again");
				}
			}
			load(file).forEach((key, value) -> {
				if (value.toString().isBlank()) {
					offenders.add(file + ": " + key + " is empty");
				}
			});
		}
		assertThat(offenders).as("duplicate or empty keys").isEmpty();
	}

	@Test
	void bothLanguagesTakeTheSameArguments() throws IOException {
		Properties english = load(ENGLISH);
		Properties japanese = load(JAPANESE);
		Pattern argument = Pattern.compile("\\{(\\d+)");
		List<String> offenders = new ArrayList<>();
		for (String key : new TreeSet<>(english.stringPropertyNames())) {
			if (japanese.containsKey(key)) {
				Set<String> en = matches(argument, english.getProperty(key));
				Set<String> ja = matches(argument, japanese.getProperty(key));
				if (!en.equals(ja)) {
					offenders.add(key + ": English uses " + en + ", Japanese " + ja);
				}
			}
		}
		assertThat(offenders).as("messages whose languages take different arguments").isEmpty();
	}

	@Test
	void messagesWithArgumentsDoubleTheirApostrophes() throws IOException {
		Pattern loneApostrophe = Pattern.compile("(?<!')'(?!')");
		List<String> offenders = new ArrayList<>();
		for (String file : List.of(ENGLISH, JAPANESE)) {
			load(file).forEach((key, value) -> {
				String text = value.toString();
				if (text.matches("(?s).*\\{\\d.*") && loneApostrophe.matcher(text).find()) {
					offenders.add(file + ": " + key + " (MessageFormat drops a single ' ; write '')");
				}
			});
		}
		assertThat(offenders).as("messages that MessageFormat would garble").isEmpty();
	}

	@Test
	void everyKeyUsedInTemplatesExists() throws IOException {
		Properties english = load(ENGLISH);
		Properties japanese = load(JAPANESE);
		List<String> offenders = new ArrayList<>();
		templates.forEach((path, content) -> {
			Matcher matcher = MESSAGE_KEY.matcher(content);
			while (matcher.find()) {
				String key = matcher.group(1);
				int line = lineOf(content, matcher.start());
				if (!english.containsKey(key)) {
					offenders.add(path + ":" + line + ": #{" + key + "} is not in " + ENGLISH);
				}
				if (!japanese.containsKey(key)) {
					offenders.add(path + ":" + line + ": #{" + key + "} is not in " + JAPANESE);
				}
			}
		});
		assertThat(offenders).as("message keys used in templates but not defined").isEmpty();
	}

	@Test
	void everyRoleHasANameInBothLanguages() throws IOException {
		Properties english = load(ENGLISH);
		Properties japanese = load(JAPANESE);
		for (Role role : Role.values()) {
			assertThat(english).as("English name of " + role).containsKey("role." + role.name());
			assertThat(japanese).as("Japanese name of " + role).containsKey("role." + role.name());
		}
	}

	@Test
	void templatesShowNoLiteralText() throws ParseException {
		DOMMarkupParser parser = new DOMMarkupParser(ParseConfiguration.htmlConfiguration());
		List<String> offenders = new ArrayList<>();
		for (Map.Entry<String, String> template : templates.entrySet()) {
			Document document = parser.parse(template.getKey(), template.getValue());
			collectLiteralText(new Source(template.getKey(), template.getValue()), document, offenders);
		}
		assertThat(offenders).as("literal text in templates; use th:text=\"#{key}\" with keys in both message files")
			.isEmpty();
	}

	private static void collectLiteralText(Source source, INestableNode parent, List<String> offenders) {
		for (INode node : parent.getChildren()) {
			if (node instanceof Text text) {
				String visible = NOT_TEXT.matcher(text.getContent()).replaceAll("");
				if (LETTER.matcher(visible).find()) {
					String shown = visible.strip().replaceAll("\\s+", " ");
					offenders.add(source.locate(visible.strip()) + ": \"" + shown + "\"");
				}
			}
			else if (node instanceof Element element) {
				String name = element.getElementName().toLowerCase(Locale.ROOT);
				collectLiteralAttributes(source, element, name, offenders);
				if (name.equals("script") || name.equals("style") || replacesBody(element)) {
					continue;
				}
				collectLiteralText(source, element, offenders);
			}
			else if (node instanceof INestableNode nested) {
				collectLiteralText(source, nested, offenders);
			}
		}
	}

	private static void collectLiteralAttributes(Source source, Element element, String name, List<String> offenders) {
		for (Map.Entry<String, String> attribute : element.getAttributeMap().entrySet()) {
			String attributeName = attribute.getKey().toLowerCase(Locale.ROOT);
			String value = attribute.getValue();
			boolean visible = VISIBLE_ATTRIBUTES.contains(attributeName)
					|| (attributeName.equals("value") && name.equals("input")
							&& BUTTON_INPUTS.contains(String.valueOf(element.getAttributeValue("type"))));
			if (visible && value != null && LETTER.matcher(NOT_TEXT.matcher(value).replaceAll("")).find()
					&& !setByThymeleaf(element, attributeName)) {
				offenders.add(source.locate(value) + ": <" + name + " " + attributeName + "=\"" + value + "\">");
			}
		}
	}

	private static boolean replacesBody(Element element) {
		for (String attribute : element.getAttributeMap().keySet()) {
			String lower = attribute.toLowerCase(Locale.ROOT);
			if (BODY_REPLACING.contains(lower)) {
				return true;
			}
			if ((lower.equals("th:remove") || lower.equals("data-th-remove"))
					&& !"tag".equals(element.getAttributeValue(attribute))
					&& !"none".equals(element.getAttributeValue(attribute))) {
				return true;
			}
		}
		return false;
	}

	private static boolean setByThymeleaf(Element element, String attribute) {
		if (element.hasAttribute("th:" + attribute) || element.hasAttribute("data-th-" + attribute)) {
			return true;
		}
		if ((attribute.equals("alt") || attribute.equals("title")) && element.hasAttribute("th:alt-title")) {
			return true;
		}
		String attr = element.getAttributeValue("th:attr");
		return attr != null && attr.matches("(?s).*\\b" + Pattern.quote(attribute) + "\\s*=.*");
	}

	private static Set<String> matches(Pattern pattern, String text) {
		Set<String> found = new TreeSet<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static int lineOf(String content, int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			if (content.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	/**
	 * A template being checked. AttoParser's DOM keeps no usable line numbers, so an
	 * offender is found in the text from where the previous one was, in document order.
	 */
	private static final class Source {

		private final String path;

		private final String content;

		private int from;

		Source(String path, String content) {
			this.path = path;
			this.content = content;
		}

		String locate(String text) {
			int at = this.content.indexOf(text, this.from);
			if (at < 0) {
				return this.path;
			}
			this.from = at + text.length();
			return this.path + ":" + lineOf(this.content, at);
		}

	}

	private static Properties load(String file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource(file).getInputStream(),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	private static String read(String file) throws IOException {
		try (InputStream in = new ClassPathResource(file).getInputStream()) {
			return StreamUtils.copyToString(in, StandardCharsets.UTF_8);
		}
	}

}
