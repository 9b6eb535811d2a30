package io.mawasu.crm.delivery.send;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mawasu.crm.testing.TestMail;
import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.delivery.DeliveryProperties;
import io.mawasu.crm.delivery.RenderedMessage;
import io.mawasu.crm.domain.consent.Channel;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = DeliveryTestApplication.class,
		properties = "crm.delivery.email.from=CRM テスト <crm@example.com>")
class EmailSenderTests {

	@RegisterExtension
	static GreenMailExtension greenMail = TestMail.server();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		TestMail.register(registry, greenMail);
	}

	@Autowired
	EmailSender sender;

	@Autowired
	DeliveryProperties properties;

	@BeforeEach
	void purge() throws Exception {
		greenMail.purgeEmailFromAllMailboxes();
	}

	@Test
	void sendsMultipartAlternativeWithOneClickUnsubscribeHeaders() throws Exception {
		RenderedMessage m = new RenderedMessage(Channel.EMAIL, "ようこそ 山田様", "<p>こんにちは <b>山田</b>様</p>", "こんにちは 山田様",
				List.of(), List.of());
		List<SendOutcome> outcomes = this.sender
			.send(List.of(new Outgoing(7, "hanako@example.com", m, "https://crm.example.com/u/tok")));

		assertThat(outcomes).singleElement().isInstanceOf(SendOutcome.Sent.class);
		MimeMessage received = greenMail.getReceivedMessages()[0];
		assertThat(received.getSubject()).isEqualTo("ようこそ 山田様");
		assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("crm@example.com");
		assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("CRM テスト");
		assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("hanako@example.com");
		assertThat(received.getHeader("List-Unsubscribe")).containsExactly("<https://crm.example.com/u/tok>");
		assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(received.getMessageID()).isEqualTo(((SendOutcome.Sent) outcomes.get(0)).providerId())
			.endsWith("@example.com>");
		assertThat(received.getContentType()).startsWith("multipart/alternative");
		MimeMultipart parts = (MimeMultipart) received.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
		assertThat(parts.getBodyPart(0).getContent()).isEqualTo("こんにちは 山田様");
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
		assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>こんにちは <b>山田</b>様</p>");
	}

	@Test
	void aBatchOfFiftyArrives() throws Exception {
		List<Outgoing> batch = IntStream.range(0, 50)
			.mapToObj(
					(i) -> new Outgoing(i, "c" + i + "@example.com",
							new RenderedMessage(Channel.EMAIL, "Hi " + i, "<p>" + i + "</p>", "" + i, List.of(),
									List.of()),
							null))
			.toList();
		List<SendOutcome> outcomes = this.sender.send(batch);

		assertThat(outcomes).hasSize(50).allSatisfy((o) -> assertThat(o).isInstanceOf(SendOutcome.Sent.class));
		assertThat(outcomes.stream().map((o) -> ((SendOutcome.Sent) o).providerId()).distinct()).hasSize(50);
		assertThat(greenMail.waitForIncomingEmail(5000, 50)).isTrue();
		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(received).hasSize(50);
		assertThat(received).extracting(MimeMessage::getSubject)
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).mapToObj((i) -> "Hi " + i).toList());
		assertThat(received[0].getHeader("List-Unsubscribe")).isNull();
	}

	@Test
	void plainTextWhenThereIsNoHtmlAndAnUnparsableAddressFailsForGood() throws Exception {
		RenderedMessage text = new RenderedMessage(Channel.EMAIL, "Plain", null, "just text", List.of(), List.of());
		List<SendOutcome> outcomes = this.sender.send(
				List.of(new Outgoing(1, "not an address", text, null), new Outgoing(2, "ok@example.com", text, null)));

		assertThat(outcomes.get(0)).isInstanceOfSatisfying(SendOutcome.Permanent.class,
				(p) -> assertThat(p.addressUndeliverable()).isTrue());
		assertThat(outcomes.get(1)).isInstanceOf(SendOutcome.Sent.class);
		MimeMessage received = greenMail.getReceivedMessages()[0];
		assertThat(received.getContentType()).startsWith("text/plain");
		assertThat(received.getContent()).isEqualTo("just text");
	}

	@Test
	void smtpRepliesAreClassifiedPerMessageOnOneConnection() throws Exception {
		try (TinySmtpServer smtp = new TinySmtpServer()) {
			EmailSender tiny = new EmailSender(javaMail(smtp.port()), this.properties);
			RenderedMessage m = new RenderedMessage(Channel.EMAIL, "s", "<p>h</p>", "h", List.of(), List.of());
			List<SendOutcome> outcomes = tiny
				.send(List.of(new Outgoing(1, "ok1@example.com", m, null), new Outgoing(2, "temp@example.com", m, null),
						new Outgoing(3, "bad@example.com", m, null), new Outgoing(4, "ok2@example.com", m, null)));

			assertThat(outcomes.get(0)).isInstanceOf(SendOutcome.Sent.class);
			assertThat(outcomes.get(1)).isInstanceOfSatisfying(SendOutcome.Transient.class,
					(t) -> assertThat(t.error()).contains("451"));
			assertThat(outcomes.get(2)).isInstanceOfSatisfying(SendOutcome.Permanent.class, (p) -> {
				assertThat(p.addressUndeliverable()).isTrue();
				assertThat(p.error()).contains("550");
			});
			assertThat(outcomes.get(3)).isInstanceOf(SendOutcome.Sent.class);
			assertThat(smtp.delivered).containsExactly("ok1@example.com", "ok2@example.com");
			assertThat(smtp.connections).hasValue(1);
		}
	}

	@Test
	void aServerThatCannotBeReachedIsTransientForAll() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		EmailSender unreachable = new EmailSender(javaMail(closedPort), this.properties);
		RenderedMessage m = new RenderedMessage(Channel.EMAIL, "s", "<p>h</p>", "h", List.of(), List.of());
		List<SendOutcome> outcomes = unreachable
			.send(List.of(new Outgoing(1, "a@example.com", m, null), new Outgoing(2, "b@example.com", m, null)));

		assertThat(outcomes).hasSize(2)
			.allSatisfy((o) -> assertThat(o).isInstanceOfSatisfying(SendOutcome.Transient.class,
					(t) -> assertThat(t.error()).startsWith("SMTP connection failed")));
	}

	@Test
	void withoutSmtpEveryMessageFailsSayingSo() {
		EmailSender none = new EmailSender((org.springframework.mail.javamail.JavaMailSender) null, this.properties);
		RenderedMessage m = new RenderedMessage(Channel.EMAIL, "s", "<p>h</p>", "h", List.of(), List.of());
		assertThat(none.send(List.of(new Outgoing(1, "a@example.com", m, null))))
			.containsExactly(new SendOutcome.Permanent(EmailSender.NOT_CONFIGURED, false));
	}

	private static JavaMailSenderImpl javaMail(int port) {
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("localhost");
		mail.setPort(port);
		mail.getJavaMailProperties().putAll(Map.of("mail.smtp.connectiontimeout", "2000", "mail.smtp.timeout", "5000"));
		return mail;
	}

}
