package io.mawasu.crm.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mawasu.crm.delivery.TrackingTokens.Kind;
import io.mawasu.crm.delivery.TrackingTokens.Target;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.consent.Consents;
import io.mawasu.crm.domain.customer.CustomerEngagements;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What recipients do with a message's tracking links: opens (the pixel), clicks (a
 * redirect only to the link of that index in the content as rendered for the customer,
 * never to a URL taken from the request) and unsubscribes. Tokens are HMAC-signed
 * ({@link TrackingTokens}); anything forged, altered or unknown is ignored. Each event is
 * stored in {@code delivery.event}; the first open and first click of a message also
 * update the customer's engagement and are announced as {@link MessageEngaged}.
 */
@Service
public class Tracking {

	static final String UNSUBSCRIBE_SOURCE = "UNSUBSCRIBE";

	private final TrackingTokens tokens;

	private final JdbcClient jdbc;

	private final Contents contents;

	private final MessageRenderer renderer;

	private final CustomerEngagements engagements;

	private final Consents consents;

	private final ApplicationEventPublisher events;

	Tracking(TrackingTokens tokens, JdbcClient jdbc, Contents contents, MessageRenderer renderer,
			CustomerEngagements engagements, Consents consents, ApplicationEventPublisher events) {
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.contents = contents;
		this.renderer = renderer;
		this.engagements = engagements;
		this.consents = consents;
		this.events = events;
	}

	/** Who an unsubscribe link is for, as its confirmation page shows it. */
	public record UnsubscribeTarget(Channel channel, String maskedAddress) {

	}

	/** Records an open; false for a token that is not a genuine open token. */
	@Transactional
	public boolean open(String token) {
		Optional<Message> message = message(token, Kind.OPEN);
		if (message.isEmpty()) {
			return false;
		}
		Message m = message.get();
		Instant at = Instant.now();
		if (recordEvent(m, "OPENED", null, at)) {
			this.engagements.recordOpen(m.ref().customerId(), m.ref().channel(), at);
			this.events.publishEvent(new MessageEngaged(m.ref(), MessageEngaged.Kind.OPENED, at));
		}
		return true;
	}

	/**
	 * Records a click and returns where it goes: the link of the token's index in the
	 * message's content rendered for its customer. Empty for a forged or altered token,
	 * an index the content does not have, or a link that is not an absolute http(s) URL.
	 */
	@Transactional
	public Optional<URI> click(String token) {
		Optional<Message> message = message(token, Kind.CLICK);
		if (message.isEmpty()) {
			return Optional.empty();
		}
		Message m = message.get();
		Optional<URI> target = link(m, m.link());
		if (target.isEmpty()) {
			return Optional.empty();
		}
		Instant at = Instant.now();
		if (recordEvent(m, "CLICKED", m.link(), at)) {
			this.engagements.recordClick(m.ref().customerId(), m.ref().channel(), at);
			this.events.publishEvent(new MessageEngaged(m.ref(), MessageEngaged.Kind.CLICKED, at));
		}
		return target;
	}

	/** The channel and masked address an unsubscribe token stands for. */
	@Transactional(readOnly = true)
	public Optional<UnsubscribeTarget> unsubscribeTarget(String token) {
		return message(token, Kind.UNSUBSCRIBE).map((m) -> new UnsubscribeTarget(m.ref().channel(),
				mask(m.ref().channel(), (m.address() != null) ? m.address() : currentAddress(m.ref()).orElse(""))));
	}

	/**
	 * Opts the message's customer out of its channel (consent history source
	 * {@code UNSUBSCRIBE}); true for a genuine token, also when already opted out.
	 */
	@Transactional
	public boolean unsubscribe(String token) {
		Optional<Message> message = message(token, Kind.UNSUBSCRIBE);
		if (message.isEmpty()) {
			return false;
		}
		Message m = message.get();
		Instant at = Instant.now();
		// A repeated click (mail clients and scanners do that) adds no history row.
		if (this.consents.status(m.ref().customerId(), m.ref().channel())
			.filter((status) -> status == ConsentStatus.OPT_OUT)
			.isEmpty()) {
			this.consents.changeNow(m.ref().customerId(), m.ref().channel(), ConsentStatus.OPT_OUT, UNSUBSCRIBE_SOURCE,
					null);
		}
		recordEvent(m, "UNSUBSCRIBED", null, at);
		return true;
	}

	private Optional<URI> link(Message m, int index) {
		if (m.contentId() == null || index < 0) {
			return Optional.empty();
		}
		Optional<Content> content = this.contents.find(m.contentId());
		if (content.isEmpty()) {
			return Optional.empty();
		}
		String variant = (m.variant() != null) ? m.variant() : "A";
		if (content.get().variants().stream().noneMatch((v) -> v.key().equals(variant))) {
			return Optional.empty();
		}
		Map<Long, RenderedMessage> rendered = this.renderer.render(content.get(), variant,
				List.of(m.ref().customerId()));
		RenderedMessage message = rendered.get(m.ref().customerId());
		if (message == null || index >= message.links().size()) {
			return Optional.empty();
		}
		try {
			URI uri = new URI(message.links().get(index));
			String scheme = uri.getScheme();
			if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
					|| uri.getHost() == null) {
				return Optional.empty();
			}
			return Optional.of(uri);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

	private Optional<String> currentAddress(MessageRef ref) {
		return Optional
			.ofNullable(this.renderer.addresses(ref.channel(), List.of(ref.customerId())).get(ref.customerId()));
	}

	/**
	 * Stores an event; returns whether it was the message's first of its kind (the
	 * partial unique index decides between concurrent requests).
	 */
	private boolean recordEvent(Message m, String kind, @Nullable Integer link, Instant at) {
		String sql = """
				insert into delivery.event (message_id, customer_id, channel, kind, link, at, first)
				values (:message, :customer, :channel, :kind, :link, :at, :first)
				on conflict (message_id, kind) where first do nothing
				""";
		boolean first = this.jdbc.sql(sql)
			.param("message", m.ref().messageId())
			.param("customer", m.ref().customerId())
			.param("channel", m.ref().channel().name())
			.param("kind", kind)
			.param("link", link)
			.param("at", Timestamp.from(at))
			.param("first", true)
			.update() == 1;
		if (!first) {
			this.jdbc.sql(sql)
				.param("message", m.ref().messageId())
				.param("customer", m.ref().customerId())
				.param("channel", m.ref().channel().name())
				.param("kind", kind)
				.param("link", link)
				.param("at", Timestamp.from(at))
				.param("first", false)
				.update();
		}
		return first;
	}

	private Optional<Message> message(String token, Kind kind) {
		Optional<Target> target = this.tokens.verify(token).filter((t) -> t.kind() == kind);
		if (target.isEmpty()) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select id, source_type, source_id, step_key, customer_id, channel, content_id, variant, address
				from delivery.message where id = :id
				""")
			.param("id", target.get().messageId())
			.query((rs, n) -> new Message(
					new MessageRef(rs.getLong("id"), rs.getString("source_type"), rs.getLong("source_id"),
							rs.getString("step_key"), rs.getLong("customer_id"),
							Channel.valueOf(rs.getString("channel"))),
					(Long) rs.getObject("content_id"), rs.getString("variant"), rs.getString("address"),
					target.get().link()))
			.optional();
	}

	/**
	 * An address as the unsubscribe page shows it to whoever holds the link: enough to
	 * recognise, not to read ({@code t***@example.com}, {@code ***5678}).
	 */
	static String mask(Channel channel, String address) {
		String a = address.strip();
		if (a.isEmpty()) {
			return "";
		}
		if (channel == Channel.EMAIL) {
			int at = a.indexOf('@');
			if (at > 0) {
				return a.charAt(0) + "***" + a.substring(at);
			}
		}
		String digits = (channel == Channel.SMS) ? a.replaceAll("[^0-9]", "") : a;
		return "***" + digits.substring(Math.max(0, digits.length() - 4));
	}

	private record Message(MessageRef ref, @Nullable Long contentId, @Nullable String variant, @Nullable String address,
			int link) {

	}

}
