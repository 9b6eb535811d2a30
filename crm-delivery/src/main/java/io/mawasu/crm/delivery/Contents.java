package io.mawasu.crm.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channel content with A/B variants: saved after its placeholders and channel limits are
 * checked, rendered for a customer, and split between variants deterministically.
 */
@Service
public class Contents {

	/** LINE's limits: messages per push and characters per text message. */
	static final int LINE_MAX_MESSAGES = 5;

	static final int LINE_MAX_CHARACTERS = 5000;

	static final int SMS_MAX_SEGMENTS = 10;

	private final JdbcClient jdbc;

	private final MessageRenderer renderer;

	Contents(JdbcClient jdbc, MessageRenderer renderer) {
		this.jdbc = jdbc;
		this.renderer = renderer;
	}

	/** Saves a new content; {@link InvalidContent} names the faulty field. */
	@Transactional
	public long create(ContentRequest request, @Nullable String actor) {
		Valid valid = validate(request);
		long id = this.jdbc.sql("""
				insert into delivery.content (name, channel, created_by) values (:name, :channel, :actor) returning id
				""")
			.param("name", valid.name())
			.param("channel", valid.channel().name())
			.param("actor", actor)
			.query(Long.class)
			.single();
		insertVariants(id, valid.variants());
		return id;
	}

	/**
	 * Replaces a content's name and variants; false for an unknown id. The channel cannot
	 * change (scenarios chose the content for its channel).
	 */
	@Transactional
	public boolean update(long id, ContentRequest request, @Nullable String actor) {
		Valid valid = validate(request);
		Optional<String> channel = this.jdbc.sql("select channel from delivery.content where id = :id for update")
			.param("id", id)
			.query(String.class)
			.optional();
		if (channel.isEmpty()) {
			return false;
		}
		if (!channel.get().equals(valid.channel().name())) {
			throw new InvalidContent("channel", "A content's channel cannot change (it is " + channel.get()
					+ "); create a new content for " + valid.channel());
		}
		// clock_timestamp(): two edits in one transaction still get different times
		this.jdbc.sql("""
				update delivery.content set name = :name, updated_at = clock_timestamp(), version = version + 1
				where id = :id
				""").param("id", id).param("name", valid.name()).update();
		this.jdbc.sql("delete from delivery.content_variant where content_id = :id").param("id", id).update();
		insertVariants(id, valid.variants());
		return true;
	}

	@Transactional(readOnly = true)
	public Optional<Content> find(long id) {
		return contents("where c.id = :id", id).stream().findFirst();
	}

	/** All contents, newest first. */
	@Transactional(readOnly = true)
	public List<Content> list() {
		return contents("", null);
	}

	/**
	 * The variant a customer gets: stable for the pair, shared out by the weights. The
	 * bucket is the first 8 bytes of SHA-256 over the UTF-8 text
	 * {@code "content:<contentId>:<customerId>"}, read as an unsigned big-endian number,
	 * modulo 100 (PostgreSQL's {@code sha256()} gives the same bytes); variants in key
	 * order take the buckets {@code [0, wA)}, {@code [wA, wA + wB)}, … A lone variant
	 * gets every bucket.
	 */
	public String variantFor(Content content, long customerId) {
		int bucket = bucket(content.id(), customerId);
		int cumulative = 0;
		for (ContentVariant variant : content.variants()) {
			cumulative += variant.weight();
			if (bucket < cumulative) {
				return variant.key();
			}
		}
		return content.variants().get(0).key();
	}

	/**
	 * A variant rendered for a customer (placeholders filled, no tracking); empty for an
	 * unknown content or customer.
	 */
	@Transactional(readOnly = true)
	public Optional<RenderedMessage> render(long contentId, String variant, long customerId) {
		return find(contentId)
			.map((content) -> this.renderer.render(content, variant, List.of(customerId)).get(customerId));
	}

	static int bucket(long contentId, long customerId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(("content:" + contentId + ":" + customerId).getBytes(StandardCharsets.UTF_8));
			return (int) Long.remainderUnsigned(ByteBuffer.wrap(hash, 0, 8).getLong(), 100);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void insertVariants(long id, List<ContentVariant> variants) {
		for (ContentVariant v : variants) {
			this.jdbc.sql("""
					insert into delivery.content_variant (content_id, key, subject, body, text, messages, weight)
					values (:id, :key, :subject, :body, :text, :messages, :weight)
					""")
				.param("id", id)
				.param("key", v.key())
				.param("subject", v.subject())
				.param("body", v.body())
				.param("text", v.text())
				.param("messages", v.messages().toArray(String[]::new))
				.param("weight", v.weight())
				.update();
		}
	}

	private List<Content> contents(String where, @Nullable Long id) {
		Map<Long, List<ContentVariant>> variants = new LinkedHashMap<>();
		JdbcClient.StatementSpec variantQuery = this.jdbc
			.sql("select v.* from delivery.content_variant v join delivery.content c on c.id = v.content_id " + where
					+ " order by v.content_id, v.key");
		if (id != null) {
			variantQuery = variantQuery.param("id", id);
		}
		variantQuery
			.query((rs, n) -> variants.computeIfAbsent(rs.getLong("content_id"), (k) -> new ArrayList<>())
				.add(new ContentVariant(rs.getString("key"), rs.getString("subject"), rs.getString("body"),
						rs.getString("text"), strings(rs, "messages"), rs.getInt("weight"))))
			.list();
		JdbcClient.StatementSpec contentQuery = this.jdbc
			.sql("select c.id, c.name, c.channel, c.created_by, c.created_at, c.updated_at from delivery.content c "
					+ where + " order by c.created_at desc, c.id desc");
		if (id != null) {
			contentQuery = contentQuery.param("id", id);
		}
		return contentQuery
			.query((rs, n) -> new Content(rs.getLong("id"), rs.getString("name"),
					Channel.valueOf(rs.getString("channel")), variants.getOrDefault(rs.getLong("id"), List.of()),
					rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("updated_at").toInstant()))
			.list();
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return (array != null) ? List.of((String[]) array.getArray()) : List.of();
	}

	/** A request checked field by field; the variants A first, with their weights. */
	static Valid validate(ContentRequest request) {
		String name = (request.name() != null) ? request.name().strip() : "";
		if (name.isEmpty()) {
			throw new InvalidContent("name", "A content needs a name");
		}
		if (name.length() > 200) {
			throw new InvalidContent("name", "A content's name has at most 200 characters");
		}
		Channel channel = request.channel();
		if (channel == null) {
			throw new InvalidContent("channel", "A content needs a channel: EMAIL, LINE or SMS");
		}
		List<ContentRequest.Variant> requested = (request.variants() != null) ? request.variants() : List.of();
		List<ContentVariant> checked = new ArrayList<>();
		checked
			.add(variant(channel, "", "A", request.subject(), request.body(), request.text(), request.messages(), 0));
		Set<String> keys = new HashSet<>();
		int given = 0;
		for (int i = 0; i < requested.size(); i++) {
			ContentRequest.Variant v = requested.get(i);
			String prefix = "variants[" + i + "].";
			if (v == null) {
				throw new InvalidContent("variants[" + i + "]", "A variant is missing");
			}
			String key = (v.key() != null) ? v.key().strip() : "";
			if (key.isEmpty()) {
				throw new InvalidContent(prefix + "key", "A variant needs a key: B, C, … (A is the base content)");
			}
			if (!key.matches("[B-Z]")) {
				throw new InvalidContent(prefix + "key",
						"Variant key '" + key + "' is not one of B to Z (uppercase; A is the base content)");
			}
			if (!keys.add(key)) {
				throw new InvalidContent(prefix + "key", "Variant key " + key + " is used twice");
			}
			if (v.weight() != null) {
				given++;
				if (v.weight() < 0 || v.weight() > 100) {
					throw new InvalidContent(prefix + "weight",
							"A variant's weight is a percentage from 0 to 100, not " + v.weight());
				}
			}
			checked.add(variant(channel, prefix, key, v.subject(), v.body(), v.text(), v.messages(),
					(v.weight() != null) ? v.weight() : 0));
		}
		return new Valid(name, channel, weighted(checked, requested, given));
	}

	// Given weights leave A the rest; none given means an equal split, the remainder to
	// A.
	private static List<ContentVariant> weighted(List<ContentVariant> checked, List<ContentRequest.Variant> requested,
			int given) {
		int n = checked.size();
		int[] weights = new int[n];
		if (given == 0) {
			Arrays.fill(weights, 100 / n);
			weights[0] += 100 % n;
		}
		else {
			int sum = 0;
			for (int i = 0; i < requested.size(); i++) {
				Integer weight = requested.get(i).weight();
				if (weight == null) {
					throw new InvalidContent("variants[" + i + "].weight",
							"Give every variant a weight, or none for an equal split");
				}
				sum += weight;
				if (sum > 100) {
					throw new InvalidContent("variants[" + i + "].weight",
							"The variants' weights add up to more than " + "100% (A gets what is left of 100)");
				}
				weights[i + 1] = weight;
			}
			weights[0] = 100 - sum;
		}
		List<ContentVariant> variants = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			ContentVariant v = checked.get(i);
			variants.add(new ContentVariant(v.key(), v.subject(), v.body(), v.text(), v.messages(), weights[i]));
		}
		variants.sort((a, b) -> a.key().compareTo(b.key()));
		return List.copyOf(variants);
	}

	private static ContentVariant variant(Channel channel, String prefix, String key, @Nullable String subject,
			@Nullable String body, @Nullable String text, @Nullable List<String> messages, int weight) {
		return switch (channel) {
			case EMAIL -> {
				String s = required(prefix + "subject", subject, "An email needs a subject");
				if (s.contains("\n") || s.contains("\r")) {
					throw new InvalidContent(prefix + "subject", "A subject is one line");
				}
				String b = required(prefix + "body", body, "An email needs a body (HTML)");
				parse(prefix + "subject", s);
				parse(prefix + "body", b);
				String t = (text != null && !text.isBlank()) ? text : null;
				if (t != null) {
					parse(prefix + "text", t);
				}
				yield new ContentVariant(key, s, b, t, List.of(), weight);
			}
			case LINE -> {
				List<String> texts;
				String field;
				if (messages != null && !messages.isEmpty()) {
					if (messages.size() > LINE_MAX_MESSAGES) {
						throw new InvalidContent(prefix + "messages", "LINE sends at most " + LINE_MAX_MESSAGES
								+ " messages at once; this content has " + messages.size());
					}
					texts = messages;
					field = prefix + "messages";
				}
				else if (body != null && !body.isBlank()) {
					texts = List.of(body);
					field = null;
				}
				else {
					throw new InvalidContent(prefix + "messages",
							"LINE content needs 1 to " + LINE_MAX_MESSAGES + " messages");
				}
				for (int i = 0; i < texts.size(); i++) {
					String f = (field != null) ? field + "[" + i + "]" : prefix + "body";
					String m = texts.get(i);
					if (m == null || m.isBlank()) {
						throw new InvalidContent(f, "A LINE message cannot be empty");
					}
					int length = m.codePointCount(0, m.length());
					if (length > LINE_MAX_CHARACTERS) {
						throw new InvalidContent(f, "A LINE message has at most " + LINE_MAX_CHARACTERS
								+ " characters; this one has " + length);
					}
					parse(f, m);
				}
				yield new ContentVariant(key, null, String.join("\n\n", texts), null, List.copyOf(texts), weight);
			}
			case SMS -> {
				String b = required(prefix + "body", body, "An SMS needs a text");
				parse(prefix + "body", b);
				int segments = ContentTemplate.smsSegments(b);
				if (segments > SMS_MAX_SEGMENTS) {
					throw new InvalidContent(prefix + "body", "This SMS needs " + segments + " segments; at most "
							+ SMS_MAX_SEGMENTS + " (70 characters each in Japanese, 160 in plain ASCII)");
				}
				yield new ContentVariant(key, null, b, null, List.of(), weight);
			}
			case ADS -> throw new InvalidContent("channel",
					"ADS is a consent channel for ad audiences; contents are for EMAIL, LINE or SMS");
		};
	}

	private static String required(String field, @Nullable String value, String message) {
		if (value == null || value.isBlank()) {
			throw new InvalidContent(field, message);
		}
		return value.strip();
	}

	private static void parse(String field, String text) {
		try {
			ContentTemplate.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidContent(field, ex.getMessage());
		}
	}

	record Valid(String name, Channel channel, List<ContentVariant> variants) {

	}

}
