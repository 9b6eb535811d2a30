package io.mawasu.crm.delivery;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renders content for batches of customers: one query for the customers' attributes, one
 * per {@link PlaceholderSource} that the variant uses, templates parsed once per content
 * version. Values are HTML-escaped in HTML and plain elsewhere; a placeholder without a
 * value gets its default ({@code {{name|お客様}}}) or nothing.
 */
@Service
public class MessageRenderer {

	private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

	private static final int CACHE_SIZE = 512;

	private final JdbcClient jdbc;

	private final ObjectProvider<PlaceholderSource> sources;

	// Keyed by the variant's value itself, so an edited content (new texts) never meets a
	// stale parse, whatever its id or version.
	private final Map<CacheKey, Parsed> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<CacheKey, Parsed> eldest) {
			return size() > CACHE_SIZE;
		}

	});

	MessageRenderer(JdbcClient jdbc, ObjectProvider<PlaceholderSource> sources) {
		this.jdbc = jdbc;
		this.sources = sources;
	}

	/**
	 * Renders one variant for each customer in one query (keep batches below a few
	 * thousand ids: each is a bind parameter); unknown customers are absent from the
	 * result. {@code links} are the content's own http(s) URLs in document order (href
	 * attributes in HTML, bare URLs in plain text, as written in the content with its
	 * placeholders then filled), each once: a URL that a placeholder value brings in
	 * stays plain text and is never tracked.
	 */
	@Transactional(readOnly = true)
	public Map<Long, RenderedMessage> render(Content content, String variantKey, Collection<Long> customerIds) {
		Parsed parsed = parsed(content.channel(), content.variant(variantKey));
		Map<Long, Map<String, @Nullable String>> values = values(customerIds, parsed.placeholders());
		Map<Long, RenderedMessage> rendered = new LinkedHashMap<>();
		values.forEach((id, v) -> rendered.put(id, parsed.render(v)));
		return rendered;
	}

	/**
	 * Renders one variant with the given placeholder values, e.g. a sample customer's for
	 * a preview or a test send.
	 */
	public RenderedMessage render(Content content, String variantKey, Map<String, @Nullable String> values) {
		return parsed(content.channel(), content.variant(variantKey)).render(values);
	}

	/**
	 * The customers' addresses on a channel in one query: email trimmed, the LINE user
	 * id, the phone in E.164 as stored ({@code phone_e164}, {@code +819012345678}, the
	 * form the SMS API expects). Customers without one are absent.
	 */
	@Transactional(readOnly = true)
	public Map<Long, String> addresses(Channel channel, Collection<Long> customerIds) {
		Map<Long, String> addresses = new HashMap<>();
		if (customerIds.isEmpty()) {
			return addresses;
		}
		this.jdbc.sql("""
				select id, case :channel when 'EMAIL' then btrim(email) when 'LINE' then btrim(line_user_id)
					else phone_e164 end as address
				from domain.v_customer where id = any(cast(array[:ids] as bigint[]))
				""").param("channel", channel.name()).param("ids", List.copyOf(customerIds)).query((rs, n) -> {
			String address = rs.getString("address");
			if (address != null && !address.isEmpty()) {
				addresses.put(rs.getLong("id"), address);
			}
			return address;
		}).list();
		return addresses;
	}

	/**
	 * The message with tracking in place: link {@code i} of
	 * {@link RenderedMessage#links()} (href values in HTML, bare URLs in plain text)
	 * becomes {@code clickUrl.apply(i)}; for EMAIL the open pixel goes before
	 * {@code </body>}, and an unsubscribe footer is added to HTML and text unless the
	 * content has an unsubscribe link of its own.
	 */
	public RenderedMessage track(RenderedMessage m, IntFunction<String> clickUrl, @Nullable String openPixelUrl,
			@Nullable String unsubscribeUrl) {
		Map<String, String> clicks = new HashMap<>();
		for (int i = 0; i < m.links().size(); i++) {
			clicks.putIfAbsent(m.links().get(i), clickUrl.apply(i));
		}
		String text = MessageText.replaceBareUrls(m.text(), clicks::get);
		List<String> messages = m.messages().stream().map((t) -> MessageText.replaceBareUrls(t, clicks::get)).toList();
		String html = m.html();
		if (html != null) {
			boolean ownUnsubscribe = MessageText.hasUnsubscribeLink(html);
			html = MessageText.replaceHrefs(html, clicks::get);
			StringBuilder tail = new StringBuilder();
			if (unsubscribeUrl != null && !ownUnsubscribe) {
				String url = MessageText.escape(unsubscribeUrl);
				tail.append("<p style=\"font-size:12px;color:#888888\">配信停止 / Unsubscribe: <a href=\"")
					.append(url)
					.append("\">")
					.append(url)
					.append("</a></p>");
				text = text + "\n\n配信停止 / Unsubscribe: " + unsubscribeUrl;
			}
			if (openPixelUrl != null) {
				tail.append("<img src=\"")
					.append(MessageText.escape(openPixelUrl))
					.append("\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0;width:1px;height:1px\">");
			}
			html = insertBeforeBodyEnd(html, tail.toString());
		}
		return new RenderedMessage(m.channel(), m.subject(), html, text, messages, m.links());
	}

	/**
	 * The placeholder values of a set of customers: their attributes, then the values of
	 * the {@link PlaceholderSource}s that supply one of {@code used}.
	 */
	Map<Long, Map<String, @Nullable String>> values(Collection<Long> customerIds, Set<String> used) {
		Map<Long, Map<String, @Nullable String>> values = new LinkedHashMap<>();
		if (customerIds.isEmpty()) {
			return values;
		}
		this.jdbc.sql("""
				select id, name, email, phone, line_user_id, gender, birth_date, prefecture, city, external_id,
					array_to_string(tags, ', ') as tags
				from domain.v_customer where id = any(cast(array[:ids] as bigint[]))
				order by id
				""").param("ids", List.copyOf(customerIds)).query((rs, n) -> {
			Map<String, @Nullable String> v = new HashMap<>();
			v.put("name", rs.getString("name"));
			v.put("email", rs.getString("email"));
			v.put("phone", rs.getString("phone"));
			v.put("lineUserId", rs.getString("line_user_id"));
			v.put("gender", rs.getString("gender"));
			Date birth = rs.getDate("birth_date");
			v.put("birthDate", (birth != null) ? birth.toLocalDate().toString() : null);
			v.put("prefecture", rs.getString("prefecture"));
			v.put("city", rs.getString("city"));
			v.put("externalId", rs.getString("external_id"));
			v.put("tags", rs.getString("tags"));
			values.put(rs.getLong("id"), v);
			return v;
		}).list();
		this.sources.orderedStream().filter((s) -> !Collections.disjoint(s.names(), used)).forEach((source) -> {
			source.values(values.keySet()).forEach((id, supplied) -> {
				Map<String, @Nullable String> v = values.get(id);
				if (v != null) {
					supplied.forEach((name, value) -> {
						if (source.names().contains(name)) {
							v.put(name, value);
						}
					});
				}
			});
		});
		return values;
	}

	/** Parses (or takes from the cache) a variant's templates; InvalidContent if bad. */
	Parsed parsed(Channel channel, ContentVariant variant) {
		CacheKey key = new CacheKey(channel, variant);
		Parsed parsed = this.cache.get(key);
		if (parsed == null) {
			parsed = Parsed.of(channel, variant);
			this.cache.put(key, parsed);
		}
		return parsed;
	}

	private static String insertBeforeBodyEnd(String html, String insert) {
		if (insert.isEmpty()) {
			return html;
		}
		Matcher matcher = BODY_END.matcher(html);
		int at = -1;
		while (matcher.find()) {
			at = matcher.start();
		}
		return (at < 0) ? html + insert : html.substring(0, at) + insert + html.substring(at);
	}

	private record CacheKey(Channel channel, ContentVariant variant) {

	}

	/**
	 * A variant's templates, parsed, with the links it may have tracked: those written in
	 * the templates themselves (placeholders unfilled), rendered per customer.
	 */
	record Parsed(Channel channel, @Nullable ContentTemplate subject, @Nullable ContentTemplate html,
			@Nullable ContentTemplate text, List<ContentTemplate> messages, Set<String> placeholders,
			List<ContentTemplate> links) {

		static Parsed of(Channel channel, ContentVariant variant) {
			String prefix = "variants[" + variant.key() + "].";
			return switch (channel) {
				case EMAIL -> {
					ContentTemplate subject = parse(prefix + "subject",
							(variant.subject() != null) ? variant.subject() : "");
					ContentTemplate html = parse(prefix + "body", variant.body());
					String plain = (variant.text() != null && !variant.text().isBlank()) ? variant.text()
							: MessageText.htmlToText(variant.body());
					ContentTemplate text = parse(prefix + "text", plain);
					yield new Parsed(channel, subject, html, text, List.of(), names(subject, html, text),
							links(prefix + "body", MessageText.trackableLinks(variant.body(), List.of(plain))));
				}
				case LINE -> {
					List<ContentTemplate> messages = new ArrayList<>();
					List<String> texts = variant.messages().isEmpty() ? List.of(variant.body()) : variant.messages();
					for (int i = 0; i < texts.size(); i++) {
						messages.add(parse(prefix + "messages[" + i + "]", texts.get(i)));
					}
					yield new Parsed(channel, null, null, null, List.copyOf(messages),
							names(messages.toArray(ContentTemplate[]::new)),
							links(prefix + "messages", MessageText.trackableLinks(null, texts)));
				}
				case SMS -> {
					ContentTemplate text = parse(prefix + "body", variant.body());
					yield new Parsed(channel, null, null, text, List.of(), names(text),
							links(prefix + "body", MessageText.trackableLinks(null, List.of(variant.body()))));
				}
				case ADS -> throw new IllegalArgumentException("ADS is a consent channel; nothing is sent on it");
			};
		}

		RenderedMessage render(Map<String, @Nullable String> values) {
			List<String> messages = this.messages.stream().map((m) -> m.render(values, false)).toList();
			// LINE's plain text is its messages, one after another
			String text = (this.text != null) ? this.text.render(values, false) : String.join("\n\n", messages);
			String html = (this.html != null) ? this.html.render(values, true) : null;
			// a value with a line break must not start a new mail header
			String subject = (this.subject != null)
					? this.subject.render(values, false).replaceAll("[\\r\\n]+", " ").strip() : null;
			List<String> links = this.links.stream().map((l) -> l.render(values, false)).toList();
			return new RenderedMessage(this.channel, subject, html, text, messages, links);
		}

		private static List<ContentTemplate> links(String field, List<String> urls) {
			return urls.stream().map((url) -> parse(field, url)).toList();
		}

		private static ContentTemplate parse(String field, String text) {
			try {
				return ContentTemplate.parse(text);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidContent(field, ex.getMessage());
			}
		}

		private static Set<String> names(@Nullable ContentTemplate... templates) {
			Set<String> names = new LinkedHashSet<>();
			for (ContentTemplate template : templates) {
				if (template != null) {
					names.addAll(template.placeholders());
				}
			}
			return names;
		}

	}

}
