package io.mawasu.crm.delivery;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mawasu.crm.testing.TestMail;
import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@SpringBootTest(classes = DeliveryTestApplication.class)
class TestSendsIntegrationTests {

	@RegisterExtension
	static GreenMailExtension greenMail = TestMail.server();

	@RegisterExtension
	static WireMockExtension providers = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
		.build();

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		TestMail.register(registry, greenMail);
		registry.add("crm.delivery.line.base-url", providers::baseUrl);
		registry.add("crm.delivery.line.channel-access-token", () -> "line-token");
		registry.add("crm.delivery.sms.base-url", providers::baseUrl);
		registry.add("crm.delivery.sms.account-sid", () -> "AC1");
		registry.add("crm.delivery.sms.auth-token", () -> "sms-token");
		registry.add("crm.delivery.sms.from", () -> "+15005550006");
	}

	@Autowired
	TestSends testSends;

	@Autowired
	Contents contents;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void clean() throws Exception {
		greenMail.purgeEmailFromAllMailboxes();
		this.jdbc.sql("truncate delivery.content, delivery.message cascade").update();
	}

	@Test
	void everyVariantGoesToEveryAddressMarkedAsTestWithPlainLinks() throws Exception {
		long id = this.contents.create(new ContentRequest("Welcome", Channel.EMAIL, "Hello {{name|お客様}}",
				"<p>{{name}}さん <a href=\"https://shop.example.com/a\">shop</a></p>", null, null,
				List.of(new ContentRequest.Variant("B", "Hi {{name}} from {{prefecture}}", "<p>B</p>", null, null,
						40))),
				null);

		int sent = this.testSends.send(id, List.of("team@example.com", " lead@example.com "), null);

		assertThat(sent).isEqualTo(4);
		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(received).extracting(MimeMessage::getSubject)
			.containsExactlyInAnyOrder("[TEST][A] Hello 山田 花子", "[TEST][A] Hello 山田 花子", "[TEST][B] Hi 山田 花子 from 東京都",
					"[TEST][B] Hi 山田 花子 from 東京都");
		assertThat(received).flatExtracting((m) -> List.of(m.getAllRecipients()))
			.extracting(Object::toString)
			.containsOnly("team@example.com", "lead@example.com");
		MimeMessage a = List.of(received)
			.stream()
			.filter((m) -> subject(m).startsWith("[TEST][A]"))
			.findFirst()
			.orElseThrow();
		MimeMultipart parts = (MimeMultipart) a.getContent();
		assertThat((String) parts.getBodyPart(0).getContent()).isEqualTo("山田 花子さん shop (https://shop.example.com/a)");
		assertThat((String) parts.getBodyPart(1).getContent())
			.isEqualTo("<p>山田 花子さん <a href=\"https://shop.example.com/a\">shop</a></p>");
		assertThat(received[0].getHeader("List-Unsubscribe")).isNull();
		assertThat(this.jdbc.sql("select count(*) from delivery.message").query(Long.class).single()).isZero();
	}

	@Test
	void rendersForAChosenCustomerAndShowsLineContentAsText() throws Exception {
		long customer = this.jdbc
			.sql("insert into domain.customer (external_id, name) values ('ts-1', '佐藤 一郎') returning id")
			.query(Long.class)
			.single();
		long id = this.contents.create(new ContentRequest("Line", Channel.LINE, null, null, null,
				List.of("{{name}}さん、こんにちは", "セール https://shop.example.com/sale"), null), null);

		assertThat(this.testSends.send(id, List.of("team@example.com"), customer)).isEqualTo(1);

		MimeMessage received = greenMail.getReceivedMessages()[0];
		assertThat(received.getSubject()).isEqualTo("[TEST] LINE: Line");
		assertThat(received.getContentType()).startsWith("text/plain");
		assertThat((String) received.getContent()).contains("佐藤 一郎さん、こんにちは")
			.contains("セール https://shop.example.com/sale")
			.contains("--- LINE 2/2 ---");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.testSends.send(id, List.of("a@example.com"), 999_999L))
			.withMessageContaining("999999");
	}

	@Test
	void aBadAddressSendsNothing() {
		long id = this.contents.create(new ContentRequest("sms", Channel.SMS, null, "Hi {{name}}", null, null, null),
				null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.testSends.send(id, List.of("team@example.com", "team@", "+819012345678"), null))
			.withMessageContaining("'team@'");
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.testSends.send(id, List.of("team@example.com", "U0123456789abcdef0123456789abcdef"), null))
			.withMessageContaining("U0123456789abcdef0123456789abcdef")
			.withMessageContaining("SMS");
		assertThatIllegalArgumentException().isThrownBy(() -> this.testSends.send(id, List.of(), null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.testSends.send(999_999, List.of("a@example.com"), null))
			.withMessageContaining("999999");
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void aLineUserIdGetsLineContentByPushAndAPhoneGetsSms() {
		providers.stubFor(post("/v2/bot/message/push").willReturn(aResponse().withStatus(200).withBody("{}")));
		providers.stubFor(post("/2010-04-01/Accounts/AC1/Messages.json")
			.willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM1\"}")));
		long line = this.contents.create(new ContentRequest("Line", Channel.LINE, null, null, null,
				List.of("{{name}}さん", "https://shop.example.com/x"),
				List.of(new ContentRequest.Variant("B", null, "B {{name}}", null, null, null))), null);
		long sms = this.contents.create(new ContentRequest("Sms", Channel.SMS, null, "Hi {{name}}", null, null, null),
				null);

		assertThat(this.testSends.send(line, List.of("U0123456789abcdef0123456789abcdef"), null)).isEqualTo(2);
		assertThat(this.testSends.send(sms, List.of("+81 90-1234-5678"), null)).isEqualTo(1);

		providers.verify(1, postRequestedFor(urlEqualTo("/v2/bot/message/push")).withRequestBody(equalToJson("""
				{"to":"U0123456789abcdef0123456789abcdef","messages":[{"type":"text","text":"[TEST][A] 山田 花子さん"},
				{"type":"text","text":"https://shop.example.com/x"}]}""")));
		providers.verify(1, postRequestedFor(urlEqualTo("/v2/bot/message/push")).withRequestBody(equalToJson(
				"""
						{"to":"U0123456789abcdef0123456789abcdef","messages":[{"type":"text","text":"[TEST][B] B 山田 花子"}]}""")));
		providers.verify(1,
				postRequestedFor(urlEqualTo("/2010-04-01/Accounts/AC1/Messages.json"))
					.withFormParam("To", equalTo("+819012345678"))
					.withFormParam("Body", equalTo("[TEST] Hi 山田 花子")));
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	private static String subject(MimeMessage m) {
		try {
			return m.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
