package io.mawasu.crm.delivery.send;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.mawasu.crm.delivery.DeliveryProperties;
import io.mawasu.crm.delivery.RenderedMessage;
import io.mawasu.crm.domain.consent.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class SmsSenderTests {

	@RegisterExtension
	static WireMockExtension sms = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
		.build();

	static final String PATH = "/2010-04-01/Accounts/AC123/Messages.json";

	@Test
	void postsTheFormWithBasicAuthAndReturnsTheSid() {
		sms.stubFor(post(PATH).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"sid\":\"SM0001\",\"status\":\"queued\"}")));

		List<SendOutcome> outcomes = sender("AC123")
			.send(List.of(out("+819012345678", "山田様 セール https://t.example/c/0")));

		assertThat(outcomes).containsExactly(new SendOutcome.Sent("SM0001"));
		sms.verify(1,
				postRequestedFor(urlEqualTo(PATH)).withBasicAuth(new BasicCredentials("AC123", "secret-token"))
					.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
					.withFormParam("To", equalTo("+819012345678"))
					.withFormParam("From", equalTo("+15005550006"))
					.withFormParam("Body", equalTo("山田様 セール https://t.example/c/0")));
	}

	@Test
	void errorsAreClassified() {
		stub("+810000000429", aResponse().withStatus(429).withHeader("Retry-After", "12").withBody("{\"code\":20429}"));
		stub("+810000000500", aResponse().withStatus(500).withBody("oops"));
		stub("+810000021211", aResponse().withStatus(400)
			.withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}"));
		stub("+810000021614", aResponse().withStatus(400)
			.withBody("{\"code\":21614,\"message\":\"'To' number is not a valid mobile number\",\"status\":400}"));
		stub("+810000021610", aResponse().withStatus(400)
			.withBody("{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\",\"status\":400}"));
		stub("+810000000401", aResponse().withStatus(401).withBody("{\"code\":20003}"));

		List<SendOutcome> outcomes = sender("AC123")
			.send(List.of(out("+810000000429", "a"), out("+810000000500", "b"), out("+810000021211", "c"),
					out("+810000021614", "d"), out("+810000021610", "e"), out("+810000000401", "f")));

		assertThat(outcomes.get(0))
			.isEqualTo(new SendOutcome.Transient("SMS 429 {\"code\":20429}", Duration.ofSeconds(12)));
		assertThat(outcomes.get(1)).isEqualTo(new SendOutcome.Transient("SMS 500 oops", null));
		assertThat(outcomes.get(2)).isInstanceOfSatisfying(SendOutcome.Permanent.class,
				(p) -> assertThat(p.addressUndeliverable()).isTrue());
		assertThat(outcomes.get(3)).isInstanceOfSatisfying(SendOutcome.Permanent.class,
				(p) -> assertThat(p.addressUndeliverable()).isTrue());
		assertThat(outcomes.get(4)).isInstanceOfSatisfying(SendOutcome.Permanent.class, (p) -> {
			assertThat(p.addressUndeliverable()).isFalse();
			assertThat(p.error()).contains("unsubscribed");
		});
		assertThat(outcomes.get(5)).isInstanceOfSatisfying(SendOutcome.Permanent.class,
				(p) -> assertThat(p.addressUndeliverable()).isFalse());
	}

	@Test
	void withoutCredentialsNothingIsSent() {
		assertThat(sender(null).send(List.of(out("+819012345678", "x")))).singleElement()
			.isInstanceOfSatisfying(SendOutcome.Permanent.class,
					(p) -> assertThat(p.error()).contains("crm.delivery.sms.account-sid"));
		assertThat(sms.getAllServeEvents()).isEmpty();
	}

	private static void stub(String to, ResponseDefinitionBuilder response) {
		sms.stubFor(post(PATH).withFormParam("To", equalTo(to)).willReturn(response));
	}

	static Outgoing out(String to, String text) {
		return new Outgoing(1, to, new RenderedMessage(Channel.SMS, null, null, text, List.of(), List.of()), null);
	}

	static SmsSender sender(String accountSid) {
		return new SmsSender(new StaticListableBeanFactory().getBeanProvider(RestClient.Builder.class),
				LineSenderTests.properties(null,
						new DeliveryProperties.Sms(sms.baseUrl(), accountSid, "secret-token", "+15005550006")),
				new StaticListableBeanFactory().getBeanProvider(Clock.class));
	}

}
