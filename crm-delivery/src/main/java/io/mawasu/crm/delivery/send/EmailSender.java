package io.mawasu.crm.delivery.send;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mawasu.crm.delivery.DeliveryProperties;
import io.mawasu.crm.delivery.RenderedMessage;
import io.mawasu.crm.domain.consent.Channel;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP through Spring's {@link JavaMailSender} ({@code spring.mail.*}): each
 * message multipart/alternative (text, then HTML), with RFC 8058 one-click unsubscribe
 * headers when it has an unsubscribe URL; a batch goes out in one
 * {@code send(MimeMessage...)} call, so over one connection. Without
 * {@code spring.mail.host} there is no JavaMailSender and every message fails for good
 * with a message saying so.
 */
@Component
class EmailSender implements ChannelSender {

	static final String NOT_CONFIGURED = "SMTP is not configured (spring.mail.host)";

	private final @Nullable JavaMailSender mail;

	private final InternetAddress from;

	private final String messageIdDomain;

	@Autowired
	EmailSender(ObjectProvider<JavaMailSender> mail, DeliveryProperties properties) {
		this(mail.getIfAvailable(), properties);
	}

	EmailSender(@Nullable JavaMailSender mail, DeliveryProperties properties) {
		this.mail = mail;
		try {
			this.from = new InternetAddress(properties.email().from(), true);
			if (this.from.getPersonal() != null) {
				this.from.setPersonal(this.from.getPersonal(), StandardCharsets.UTF_8.name());
			}
		}
		catch (AddressException | UnsupportedEncodingException ex) {
			throw new IllegalStateException("crm.delivery.email.from is not an email address: " + ex.getMessage(), ex);
		}
		String address = this.from.getAddress();
		this.messageIdDomain = address.substring(address.indexOf('@') + 1);
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	@Override
	public List<SendOutcome> send(List<Outgoing> batch) {
		List<@Nullable SendOutcome> outcomes = new ArrayList<>(batch.size());
		if (this.mail == null) {
			return batch.stream().map((o) -> (SendOutcome) new SendOutcome.Permanent(NOT_CONFIGURED, false)).toList();
		}
		List<MimeMessage> messages = new ArrayList<>(batch.size());
		Map<MimeMessage, Integer> index = new IdentityHashMap<>();
		List<@Nullable String> messageIds = new ArrayList<>(batch.size());
		for (Outgoing outgoing : batch) {
			try {
				String messageId = "<" + UUID.randomUUID() + "@" + this.messageIdDomain + ">";
				MimeMessage message = mime(this.mail.createMimeMessage(), outgoing, messageId);
				index.put(message, outcomes.size());
				messages.add(message);
				messageIds.add(messageId);
				outcomes.add(null);
			}
			catch (AddressException ex) {
				messageIds.add(null);
				outcomes.add(new SendOutcome.Permanent(
						"Not an email address: " + outgoing.address() + " (" + ex.getMessage() + ")", true));
			}
			catch (MessagingException ex) {
				messageIds.add(null);
				outcomes.add(new SendOutcome.Permanent("Cannot build the message: " + ex.getMessage(), false));
			}
		}
		if (!messages.isEmpty()) {
			try {
				this.mail.send(messages.toArray(MimeMessage[]::new));
			}
			catch (MailSendException ex) {
				ex.getFailedMessages().forEach((message, failure) -> {
					Integer i = index.get(message);
					if (i != null) {
						outcomes.set(i, classify(failure));
					}
				});
			}
			catch (MailAuthenticationException ex) {
				fillEmpty(outcomes, new SendOutcome.Transient("SMTP authentication failed: " + ex.getMessage(), null));
			}
			catch (MailException ex) {
				fillEmpty(outcomes, new SendOutcome.Transient("SMTP failed: " + ex.getMessage(), null));
			}
		}
		List<SendOutcome> result = new ArrayList<>(batch.size());
		for (int i = 0; i < outcomes.size(); i++) {
			SendOutcome outcome = outcomes.get(i);
			result.add((outcome != null) ? outcome : new SendOutcome.Sent(messageIds.get(i)));
		}
		return result;
	}

	private MimeMessage mime(MimeMessage message, Outgoing outgoing, String messageId) throws MessagingException {
		RenderedMessage m = outgoing.message();
		message.setFrom(this.from);
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(outgoing.address().strip(), true));
		message.setSubject((m.subject() != null) ? m.subject() : "", StandardCharsets.UTF_8.name());
		// JavaMailSenderImpl keeps a Message-ID set before sending
		message.setHeader("Message-ID", messageId);
		if (outgoing.unsubscribeUrl() != null) {
			message.setHeader("List-Unsubscribe", "<" + outgoing.unsubscribeUrl() + ">");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
		if (m.html() == null) {
			message.setText(m.text(), StandardCharsets.UTF_8.name(), "plain");
			return message;
		}
		MimeMultipart alternative = new MimeMultipart("alternative");
		MimeBodyPart text = new MimeBodyPart();
		text.setText(m.text(), StandardCharsets.UTF_8.name(), "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(m.html(), StandardCharsets.UTF_8.name(), "html");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		return message;
	}

	/**
	 * SMTP replies (Angus' SMTPAddressFailedException for a recipient,
	 * SMTPSenderFailedException and SMTPSendFailedException otherwise): 4xx anywhere is
	 * worth a retry; 5xx on the recipient means the address is undeliverable; 5xx
	 * elsewhere (sender, data) fails the message only; anything without a reply
	 * (connection lost, timeout) is transient.
	 */
	static SendOutcome classify(Exception failure) {
		Integer recipientCode = null;
		Integer otherCode = null;
		String reply = null;
		boolean invalidAddress = false;
		int depth = 0;
		for (Throwable t = failure; t != null && depth++ < 10; t = next(t)) {
			int code = returnCode(t);
			if (code > 0 && t.getClass().getSimpleName().equals("SMTPAddressFailedException")) {
				recipientCode = worst(recipientCode, code);
				reply = (reply != null) ? reply : t.getMessage();
			}
			else if (code > 0) {
				otherCode = worst(otherCode, code);
				reply = (reply != null) ? reply : t.getMessage();
			}
			if (t instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
					&& sendFailed.getInvalidAddresses().length > 0) {
				invalidAddress = true;
			}
		}
		String error = "SMTP " + ((reply != null) ? reply.strip() : failure.getMessage());
		if ((recipientCode != null && recipientCode / 100 == 4) || (otherCode != null && otherCode / 100 == 4)) {
			return new SendOutcome.Transient(error, null);
		}
		if (recipientCode != null && recipientCode / 100 == 5) {
			return new SendOutcome.Permanent(error, true);
		}
		if (otherCode != null && otherCode / 100 == 5) {
			return new SendOutcome.Permanent(error, false);
		}
		if (invalidAddress) {
			return new SendOutcome.Permanent(error, true);
		}
		return new SendOutcome.Transient("SMTP connection failed: " + failure.getMessage(), null);
	}

	// Angus' SMTP exceptions carry the reply code; the implementation is only on the
	// runtime classpath, so it is read reflectively.
	private static int returnCode(Throwable t) {
		if (!t.getClass().getName().startsWith("org.eclipse.angus.mail.smtp.")) {
			return -1;
		}
		try {
			Object code = t.getClass().getMethod("getReturnCode").invoke(t);
			return (code instanceof Integer i) ? i : -1;
		}
		catch (ReflectiveOperationException ex) {
			return -1;
		}
	}

	private static @Nullable Integer worst(@Nullable Integer current, int code) {
		if (code <= 0) {
			return current;
		}
		return (current == null || code / 100 < current / 100) ? Integer.valueOf(code) : current;
	}

	private static @Nullable Throwable next(Throwable t) {
		if (t instanceof MessagingException messaging && messaging.getNextException() != null) {
			return messaging.getNextException();
		}
		return t.getCause();
	}

	private static void fillEmpty(List<@Nullable SendOutcome> outcomes, SendOutcome outcome) {
		for (int i = 0; i < outcomes.size(); i++) {
			if (outcomes.get(i) == null) {
				outcomes.set(i, outcome);
			}
		}
	}

}
