package io.mawasu.crm.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;

/**
 * Links and plain text of message bodies: the http(s) links of HTML (the href of
 * {@code <a>} and {@code <area>}, found by jsoup as a browser would, quoted or not) and
 * of plain text (bare URLs), their replacement by tracking URLs, and the plain part
 * derived from an email's HTML. Replacement splices the new URL into the original text at
 * the position jsoup reports, so the rest of the user's HTML goes out byte for byte.
 */
final class MessageText {

	private static final Pattern HREF = Pattern
		.compile("(?i)(\\bhref\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`]+))");

	// ASCII only: Japanese text often runs straight on after a URL
	// ("https://x.jp/saleはこちら").
	private static final Pattern BARE_URL = Pattern
		.compile("(?i)(?<![A-Za-z0-9])https?://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&*+,;=%]+");

	// A bare URL in a template: placeholders may stand in its path, query or fragment.
	private static final Pattern TEMPLATE_URL = Pattern
		.compile("(?i)(?<![A-Za-z0-9])https?://(?:[A-Za-z0-9\\-._~:/?#\\[\\]@!$&*+,;=%]|\\{\\{[^}]*}})+");

	// A link may be tracked only when its scheme and host are written in the content:
	// a placeholder may follow the first /, ? or #, never stand in the host.
	private static final Pattern FIXED_ORIGIN = Pattern.compile("(?i)https?://[^/?#{}\\s]+(?:[/?#].*)?",
			Pattern.DOTALL);

	private static final Pattern ANCHOR = Pattern.compile("(?is)<a\\b([^>]*)>(.*?)</a\\s*>");

	private static final Pattern UNSUBSCRIBE = Pattern.compile("(?i)unsubscribe|opt-?out|配信停止|配信解除|登録解除|購読解除");

	private static final List<String> UNSUBSCRIBE_WORDS = List.of("unsubscribe", "opt-out", "optout", "配信停止", "配信解除",
			"登録解除", "購読解除");

	private static final Pattern DROPPED = Pattern
		.compile("(?is)<(head|style|script|title)\\b.*?</\\1\\s*>|<!--.*?-->");

	private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|h[1-6]|tr|table|ul|ol)\\s*>");

	private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");

	private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

	private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");

	private static final Map<String, String> ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos",
			"'", "nbsp", " ", "copy", "©", "yen", "¥", "hellip", "…", "mdash", "—");

	private MessageText() {
	}

	/**
	 * The http(s) href values of the links ({@code <a>}, {@code <area>}) of an HTML text,
	 * entities decoded, in order.
	 */
	static List<String> hrefs(String html) {
		List<String> urls = new ArrayList<>();
		for (Element link : links(html)) {
			String url = link.attr("href").strip();
			if (isHttp(url)) {
				urls.add(url);
			}
		}
		return urls;
	}

	/**
	 * The links a template may have tracked, in order, each once: http(s) hrefs of the
	 * HTML and bare URLs of the plain text as written in the template (placeholders
	 * unfilled), whose scheme and host are literal. A URL that only a placeholder value
	 * brings in is not among them, so customer data can never become a tracked redirect.
	 */
	static List<String> trackableLinks(@Nullable String htmlTemplate, List<String> textTemplates) {
		Set<String> links = new LinkedHashSet<>();
		if (htmlTemplate != null) {
			for (Element link : links(htmlTemplate)) {
				String url = link.attr("href").strip();
				if (FIXED_ORIGIN.matcher(url).matches()) {
					links.add(url);
				}
			}
		}
		for (String text : textTemplates) {
			Matcher matcher = TEMPLATE_URL.matcher(text);
			while (matcher.find()) {
				String url = trimUrl(matcher.group());
				if (FIXED_ORIGIN.matcher(url).matches()) {
					links.add(url);
				}
			}
		}
		return List.copyOf(links);
	}

	private static List<Element> links(String html) {
		// a parser per call: parsers keep state while they work
		return Jsoup.parse(html, "", Parser.htmlParser().setTrackPosition(true)).select("a[href], area[href]");
	}

	/** The bare http(s) URLs of a plain text, in order. */
	static List<String> bareUrls(String text) {
		List<String> urls = new ArrayList<>();
		Matcher matcher = BARE_URL.matcher(text);
		while (matcher.find()) {
			urls.add(trimUrl(matcher.group()));
		}
		return urls;
	}

	/**
	 * Replaces href values of links: {@code replacement} gets the decoded URL and returns
	 * the new one, or null to keep it. Only the value changes (an unquoted one gets
	 * quotes); everything else stays as written.
	 */
	static String replaceHrefs(String html, Function<String, @Nullable String> replacement) {
		List<int[]> spans = new ArrayList<>();
		List<String> values = new ArrayList<>();
		for (Element link : links(html)) {
			Attribute href = link.attribute("href");
			if (href == null) {
				continue;
			}
			Range range = href.sourceRange().valueRange();
			String url = href.getValue().strip();
			String replaced = (range.isTracked() && isHttp(url)) ? replacement.apply(url) : null;
			if (replaced != null) {
				spans.add(new int[] { range.startPos(), range.endPos() });
				values.add(replaced);
			}
		}
		StringBuilder out = new StringBuilder(html.length() + 256);
		int copied = 0;
		for (int i = 0; i < spans.size(); i++) {
			int start = spans.get(i)[0];
			int end = spans.get(i)[1];
			if (start < copied) {
				continue;
			}
			boolean quoted = start > 0 && (html.charAt(start - 1) == '"' || html.charAt(start - 1) == '\'');
			String value = escape(values.get(i));
			out.append(html, copied, start).append(quoted ? value : "\"" + value + "\"");
			copied = end;
		}
		return out.append(html, copied, html.length()).toString();
	}

	/**
	 * Replaces bare URLs; {@code replacement} returns the new URL, or null to keep it.
	 */
	static String replaceBareUrls(String text, Function<String, @Nullable String> replacement) {
		Matcher matcher = BARE_URL.matcher(text);
		StringBuilder out = new StringBuilder(text.length() + 256);
		while (matcher.find()) {
			String url = trimUrl(matcher.group());
			String replaced = replacement.apply(url);
			String tail = matcher.group().substring(url.length());
			matcher.appendReplacement(out, Matcher.quoteReplacement(((replaced != null) ? replaced : url) + tail));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/**
	 * Whether the HTML has an unsubscribe link of its own: an anchor whose URL or label
	 * says unsubscribe / opt-out / 配信停止 / 解除.
	 */
	static boolean hasUnsubscribeLink(String html) {
		String lower = html.toLowerCase(Locale.ROOT);
		if (UNSUBSCRIBE_WORDS.stream().noneMatch(lower::contains)) {
			return false;
		}
		for (Element link : links(html)) {
			if (UNSUBSCRIBE.matcher(link.attr("href")).find() || UNSUBSCRIBE.matcher(link.text()).find()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The plain text of an HTML body: tags stripped, line breaks kept for block elements,
	 * a link's URL after its label ("label (URL)"), entities decoded.
	 */
	static String htmlToText(String html) {
		String text = DROPPED.matcher(html).replaceAll("");
		Matcher anchors = ANCHOR.matcher(text);
		StringBuilder out = new StringBuilder(text.length());
		while (anchors.find()) {
			Matcher href = HREF.matcher(anchors.group(1));
			String label = anchors.group(2);
			String replacement = label;
			if (href.find()) {
				String url = hrefValue(href).strip();
				String plainLabel = decode(TAG.matcher(label).replaceAll("")).strip();
				if (isHttp(decode(url)) || decode(url).startsWith("{{")) {
					replacement = plainLabel.isEmpty() || plainLabel.equals(decode(url)) ? url
							: label + " (" + url + ")";
				}
			}
			anchors.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		anchors.appendTail(out);
		text = out.toString().replaceAll("\\s*\\R\\s*", " ");
		text = LIST_ITEM.matcher(text).replaceAll("\n- ");
		text = LINE_BREAK.matcher(text).replaceAll("\n");
		text = TAG.matcher(text).replaceAll("");
		text = decode(text);
		StringBuilder lines = new StringBuilder(text.length());
		boolean blank = true;
		for (String line : text.split("\n", -1)) {
			String collapsed = line.replaceAll("[ \\t\\u00a0]+", " ").strip();
			if (collapsed.isEmpty()) {
				if (!blank) {
					lines.append('\n');
				}
				blank = true;
				continue;
			}
			lines.append(collapsed).append('\n');
			blank = false;
		}
		return lines.toString().strip();
	}

	/** Decodes HTML character references (numeric, and the common named ones). */
	static String decode(String text) {
		if (text.indexOf('&') < 0) {
			return text;
		}
		Matcher matcher = ENTITY.matcher(text);
		StringBuilder out = new StringBuilder(text.length());
		while (matcher.find()) {
			String entity = matcher.group(1);
			String decoded;
			if (entity.startsWith("#x") || entity.startsWith("#X")) {
				decoded = codePoint(entity.substring(2), 16);
			}
			else if (entity.startsWith("#")) {
				decoded = codePoint(entity.substring(1), 10);
			}
			else {
				decoded = ENTITIES.get(entity);
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement((decoded != null) ? decoded : matcher.group()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	static String escape(String value) {
		return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static @Nullable String codePoint(String digits, int radix) {
		try {
			int c = Integer.parseInt(digits, radix);
			return Character.isValidCodePoint(c) ? new String(Character.toChars(c)) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String hrefValue(Matcher matcher) {
		if (matcher.group(2) != null) {
			return matcher.group(2);
		}
		return (matcher.group(3) != null) ? matcher.group(3) : matcher.group(4);
	}

	private static boolean isHttp(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		return lower.startsWith("http://") || lower.startsWith("https://");
	}

	// A sentence's final punctuation is not part of the URL.
	private static String trimUrl(String url) {
		int end = url.length();
		while (end > 0 && ".,;:!?".indexOf(url.charAt(end - 1)) >= 0) {
			end--;
		}
		return url.substring(0, end);
	}

}
