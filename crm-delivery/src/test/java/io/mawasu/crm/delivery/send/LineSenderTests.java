package io.mawasu.crm.delivery.send;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

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
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class LineSenderTests {

	@RegisterExtension
	static WireMockExtension line = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
		.build();

	static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	@Test
	void identicalMessagesGoAsOneMulticastOthersAsPush() {
		line.stubFor(post("/v2/bot/message/multicast")
			.willReturn(aResponse().withStatus(200).withHeader("X-Line-Request-Id", "req-m").withBody("{}")));
		line.stubFor(post("/v2/bot/message/push").willReturn(aResponse().withStatus(200)
			.withHeader("X-Line-Request-Id", "req-p")
			.withBody("{\"sentMessages\":[{\"id\":\"1\"}]}")));
		List<SendOutcome> outcomes = sender("token-1")
			.send(List.of(out("Ua", "セール", "https://x.example/c/0"), out("Ub", "セール", "https://x.example/c/0"),
					out("Uc", "Hello 田中", "bye"), out("Ud", "セール", "https://x.example/c/0")));

		assertThat(outcomes).containsExactly(new SendOutcome.Sent("req-m"), new SendOutcome.Sent("req-m"),
				new SendOutcome.Sent("req-p"), new SendOutcome.Sent("req-m"));
		line.verify(1,
				postRequestedFor(urlEqualTo("/v2/bot/message/multicast"))
					.withHeader("Authorization", equalTo("Bearer token-1"))
					.withHeader("X-Line-Retry-Key", matching(UUID))
					.withRequestBody(equalToJson("""
							{"to":["Ua","Ub","Ud"],"messages":[{"type":"text","text":"セール"},
							{"type":"text","text":"https://x.example/c/0"}]}""")));
		line.verify(1, postRequestedFor(urlEqualTo("/v2/bot/message/push"))
			.withHeader("Authorization", equalTo("Bearer token-1"))
			.withHeader("X-Line-Retry-Key", matching(UUID))
			.withRequestBody(equalToJson("""
					{"to":"Uc","messages":[{"type":"text","text":"Hello 田中"},{"type":"text","text":"bye"}]}""")));
		List<String> keys = line.findAll(postRequestedFor(urlEqualTo("/v2/bot/message/multicast")))
			.stream()
			.map((r) -> r.getHeader("X-Line-Retry-Key"))
			.toList();
		assertThat(keys).doesNotContainAnyElementsOf(line.findAll(postRequestedFor(urlEqualTo("/v2/bot/message/push")))
			.stream()
			.map((r) -> r.getHeader("X-Line-Retry-Key"))
			.toList());
	}

	@Test
	void aMulticastHasAtMost500Recipients() {
		line.stubFor(post("/v2/bot/message/multicast").willReturn(aResponse().withStatus(200).withBody("{}")));
		List<Outgoing> batch = IntStream.range(0, 1200).mapToObj((i) -> out("U" + i, "same")).toList();
		assertThat(sender("t").send(batch)).hasSize(1200).allMatch((o) -> o instanceof SendOutcome.Sent);
		line.verify(2, postRequestedFor(urlEqualTo("/v2/bot/message/multicast"))
			.withRequestBody(matchingJsonPath("$.to.length()", equalTo("500"))));
		line.verify(1, postRequestedFor(urlEqualTo("/v2/bot/message/multicast"))
			.withRequestBody(matchingJsonPath("$.to.length()", equalTo("200"))));
	}

	@Test
	void errorsAreClassified() {
		stubPush("Ulimited",
				aResponse().withStatus(429)
					.withHeader("Retry-After", "30")
					.withBody("{\"message\":\"You have reached your monthly limit.\"}"));
		stubPush("Uerror", aResponse().withStatus(500).withBody("{\"message\":\"Internal error\"}"));
		stubPush("Uinvalid", aResponse().withStatus(400)
			.withBody("{\"message\":\"The property, 'to', in the request body is invalid (line: -, column: -)\"}"));
		stubPush("Uforbidden", aResponse().withStatus(403).withBody("{\"message\":\"Not authorized\"}"));

		List<SendOutcome> outcomes = sender("t")
			.send(List.of(out("Ulimited", "a"), out("Uerror", "b"), out("Uinvalid", "c"), out("Uforbidden", "d")));

		assertThat(outcomes.get(0)).isInstanceOfSatisfying(SendOutcome.Transient.class, (t) -> {
			assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(30));
			assertThat(t.error()).contains("429").contains("monthly limit");
		});
		assertThat(outcomes.get(1)).isInstanceOfSatisfying(SendOutcome.Transient.class,
				(t) -> assertThat(t.retryAfter()).isNull());
		assertThat(outcomes.get(2)).isInstanceOfSatisfying(SendOutcome.Permanent.class,
				(p) -> assertThat(p.addressUndeliverable()).isTrue());
		assertThat(outcomes.get(3)).isInstanceOfSatisfying(SendOutcome.Permanent.class,
				(p) -> assertThat(p.addressUndeliverable()).isFalse());
	}

	@Test
	void aMulticastRefusedForItsRecipientsIsRetriedAsPushes() {
		line.stubFor(post("/v2/bot/message/multicast").willReturn(aResponse().withStatus(400)
			.withBody("{\"message\":\"The request body has 1 error(s)\",\"details\":[{\"message\":\"invalid\","
					+ "\"property\":\"to[1]\"}]}")));
		stubPush("Ugood", aResponse().withStatus(200).withHeader("X-Line-Request-Id", "ok").withBody("{}"));
		stubPush("Ubad", aResponse().withStatus(400)
			.withBody("{\"message\":\"The property, 'to', in the request body is invalid (line: -, column: -)\"}"));

		List<SendOutcome> outcomes = sender("t").send(List.of(out("Ugood", "x"), out("Ubad", "x")));

		assertThat(outcomes.get(0)).isEqualTo(new SendOutcome.Sent("ok"));
		assertThat(outcomes.get(1)).isInstanceOfSatisfying(SendOutcome.Permanent.class,
				(p) -> assertThat(p.addressUndeliverable()).isTrue());
	}

	@Test
	void withoutATokenNothingIsSent() {
		assertThat(sender(null).send(List.of(out("Ua", "x")))).singleElement()
			.isInstanceOfSatisfying(SendOutcome.Permanent.class,
					(p) -> assertThat(p.error()).contains("crm.delivery.line.channel-access-token"));
		assertThat(line.getAllServeEvents()).isEmpty();
	}

	private static void stubPush(String to, ResponseDefinitionBuilder response) {
		line.stubFor(post("/v2/bot/message/push").withRequestBody(matchingJsonPath("$.to", equalTo(to)))
			.willReturn(response));
	}

	static Outgoing out(String to, String... messages) {
		return new Outgoing(1, to, new RenderedMessage(Channel.LINE, null, null, String.join("\n\n", messages),
				List.of(messages), List.of()), null);
	}

	static LineSender sender(String token) {
		return new LineSender(new StaticListableBeanFactory().getBeanProvider(RestClient.Builder.class),
				properties(new DeliveryProperties.Line(line.baseUrl(), token, "secret"), null));
	}

	static DeliveryProperties properties(DeliveryProperties.Line line, DeliveryProperties.Sms sms) {
		return new DeliveryProperties(new DeliveryProperties.Email("CRM <crm@example.com>"),
				(line != null) ? line : new DeliveryProperties.Line("http://localhost:1", null, null),
				(sms != null) ? sms : new DeliveryProperties.Sms("http://localhost:1", null, null, null),
				new DeliveryProperties.Worker(true, 200, Duration.ofSeconds(1), 5, Duration.ofMinutes(1),
						Duration.ofMinutes(10), 50, Duration.ofMinutes(1)),
				Map.of(), new DeliveryProperties.TestSend(20));
	}

}
