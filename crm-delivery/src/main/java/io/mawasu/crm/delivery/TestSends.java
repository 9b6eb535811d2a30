package io.mawasu.crm.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.mawasu.crm.delivery.send.ChannelSender;
import io.mawasu.crm.delivery.send.Outgoing;
import io.mawasu.crm.delivery.send.SendOutcome;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.customer.PhoneNumbers;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Test sends: every variant of a content, rendered for a sample customer, to the given
 * addresses only, with the subject (or first line) prefixed {@code [TEST]}.
 */
@Service
public class TestSends {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

	private static final Pattern LINE_USER_ID = Pattern.compile("U[0-9a-f]{32}");

	/** The sample customer when none is chosen. */
	static final Map<String, @Nullable String> SAMPLE = sample();

	private final Contents contents;

	private final MessageRenderer renderer;

	private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);

	private final int maxRecipients;

	TestSends(Contents contents, MessageRenderer renderer, List<ChannelSender> senders, DeliveryProperties properties) {
		this.contents = contents;
		this.renderer = renderer;
		senders.forEach((s) -> this.senders.put(s.channel(), s));
		this.maxRecipients = properties.testSend().maxRecipients();
	}

	/**
	 * How many addresses one test send may go to
	 * ({@code crm.delivery.test-send.max-recipients}).
	 */
	public int maxRecipients() {
		return this.maxRecipients;
	}

	/**
	 * Sends and returns how many messages went out; an address that does not fit the
	 * channel, or more than {@link #maxRecipients()} addresses, is an
	 * {@link IllegalArgumentException} naming it or the limit, and nothing is sent. An
	 * email address gets every channel's content (LINE and SMS as plain text), a LINE
	 * user id ({@code U} + 32 hex digits) LINE content, a phone in E.164 ({@code +81…})
	 * SMS content. No tracking, no outbox rows. A message the provider refuses is an
	 * {@link TestSendFailed} naming the address and the provider's answer, after the
	 * others went out.
	 */
	public int send(long contentId, List<String> to, @Nullable Long sampleCustomerId) {
		Content content = this.contents.find(contentId)
			.orElseThrow(() -> new IllegalArgumentException("Unknown content " + contentId));
		if (to.isEmpty()) {
			throw new IllegalArgumentException("Give at least one address to send the test to");
		}
		if (to.size() > this.maxRecipients) {
			throw new IllegalArgumentException("A test send goes to at most " + this.maxRecipients
					+ " addresses (crm.delivery.test-send.max-recipients); " + to.size() + " were given");
		}
		List<Recipient> recipients = new ArrayList<>();
		for (String raw : to) {
			recipients.add(recipient(raw, content.channel()));
		}
		Map<String, RenderedMessage> variants = new HashMap<>();
		for (ContentVariant variant : content.variants()) {
			variants.put(variant.key(), rendered(content, variant.key(), sampleCustomerId));
		}
		Map<Channel, List<Outgoing>> batches = new EnumMap<>(Channel.class);
		for (ContentVariant variant : content.variants()) {
			String prefix = (content.variants().size() > 1) ? "[TEST][" + variant.key() + "] " : "[TEST] ";
			RenderedMessage m = variants.get(variant.key());
			for (Recipient r : recipients) {
				RenderedMessage message = (r.channel() == Channel.EMAIL && content.channel() != Channel.EMAIL)
						? asEmail(content, m, prefix) : prefixed(m, prefix);
				batches.computeIfAbsent(r.channel(), (c) -> new ArrayList<>())
					.add(new Outgoing(0, r.address(), message, null));
			}
		}
		for (Channel channel : batches.keySet()) {
			if (!this.senders.containsKey(channel)) {
				throw new TestSendFailed("No sender for " + channel + " is configured");
			}
		}
		int sent = 0;
		List<String> failures = new ArrayList<>();
		for (Map.Entry<Channel, List<Outgoing>> batch : batches.entrySet()) {
			List<SendOutcome> outcomes = this.senders.get(batch.getKey()).send(batch.getValue());
			for (int i = 0; i < outcomes.size(); i++) {
				SendOutcome outcome = outcomes.get(i);
				if (outcome instanceof SendOutcome.Sent) {
					sent++;
				}
				else {
					failures.add(batch.getValue().get(i).address() + ": " + error(outcome));
				}
			}
		}
		if (!failures.isEmpty()) {
			throw new TestSendFailed(
					sent + " test message(s) sent, " + failures.size() + " failed: " + String.join("; ", failures));
		}
		return sent;
	}

	private RenderedMessage rendered(Content content, String key, @Nullable Long sampleCustomerId) {
		if (sampleCustomerId == null) {
			return this.renderer.render(content, key, SAMPLE);
		}
		RenderedMessage m = this.renderer.render(content, key, List.of(sampleCustomerId)).get(sampleCustomerId);
		if (m == null) {
			throw new IllegalArgumentException("Unknown sample customer " + sampleCustomerId);
		}
		return m;
	}

	private static Recipient recipient(String raw, Channel content) {
		String address = (raw != null) ? raw.strip() : "";
		Channel channel;
		if (EMAIL.matcher(address).matches()) {
			channel = Channel.EMAIL;
		}
		else if (LINE_USER_ID.matcher(address).matches()) {
			channel = Channel.LINE;
		}
		else if (address.startsWith("+") && PhoneNumbers.e164(address).isPresent()) {
			channel = Channel.SMS;
			address = PhoneNumbers.e164(address).orElseThrow();
		}
		else {
			throw new IllegalArgumentException("'" + raw + "' is not an email address, a LINE user id (U + 32 hex "
					+ "digits) or a phone number in E.164 (+81…)");
		}
		if (channel != Channel.EMAIL && channel != content) {
			String fits = switch (content) {
				case EMAIL -> "an email address";
				case LINE -> "an email address or a LINE user id";
				case SMS -> "an email address or a phone number";
				case ADS -> "nothing: ADS is a consent channel";
			};
			throw new IllegalArgumentException(
					"'" + raw + "' is a " + ((channel == Channel.LINE) ? "LINE user id" : "phone number")
							+ " but the content is for " + content + "; use " + fits);
		}
		return new Recipient(channel, address);
	}

	private static RenderedMessage prefixed(RenderedMessage m, String prefix) {
		return switch (m.channel()) {
			case EMAIL -> new RenderedMessage(m.channel(), prefix + ((m.subject() != null) ? m.subject() : ""),
					m.html(), m.text(), m.messages(), m.links());
			case LINE -> {
				List<String> messages = new ArrayList<>(m.messages());
				messages.set(0, prefix + messages.get(0));
				yield new RenderedMessage(m.channel(), null, null, prefix + m.text(), List.copyOf(messages), m.links());
			}
			case SMS -> new RenderedMessage(m.channel(), null, null, prefix + m.text(), m.messages(), m.links());
			case ADS -> throw new IllegalArgumentException("ADS is a consent channel; nothing is sent on it");
		};
	}

	// LINE and SMS content shown in an email: the texts as they would arrive.
	private static RenderedMessage asEmail(Content content, RenderedMessage m, String prefix) {
		StringBuilder text = new StringBuilder();
		if (content.channel() == Channel.LINE) {
			for (int i = 0; i < m.messages().size(); i++) {
				text.append("--- LINE ").append(i + 1).append('/').append(m.messages().size()).append(" ---\n");
				text.append(m.messages().get(i)).append("\n\n");
			}
		}
		else {
			text.append("--- SMS (")
				.append(ContentTemplate.smsSegments(m.text()))
				.append(" segment(s), ")
				.append(m.text().codePointCount(0, m.text().length()))
				.append(" characters) ---\n")
				.append(m.text())
				.append('\n');
		}
		return new RenderedMessage(Channel.EMAIL, prefix + content.channel() + ": " + content.name(), null,
				text.toString().strip(), List.of(), m.links());
	}

	private static String error(SendOutcome outcome) {
		if (outcome instanceof SendOutcome.Transient t) {
			return t.error();
		}
		return (outcome instanceof SendOutcome.Permanent p) ? p.error() : outcome.toString();
	}

	private static Map<String, @Nullable String> sample() {
		Map<String, @Nullable String> sample = new HashMap<>();
		sample.put("name", "山田 花子");
		sample.put("email", "hanako.yamada@example.com");
		sample.put("phone", "+819012345678");
		sample.put("lineUserId", "U0123456789abcdef0123456789abcdef");
		sample.put("gender", "F");
		sample.put("birthDate", "1990-04-01");
		sample.put("prefecture", "東京都");
		sample.put("city", "渋谷区");
		sample.put("externalId", "SAMPLE-0001");
		sample.put("tags", "vip");
		sample.put("rfmSegment", null);
		return Collections.unmodifiableMap(sample);
	}

	private record Recipient(Channel channel, String address) {

	}

}
