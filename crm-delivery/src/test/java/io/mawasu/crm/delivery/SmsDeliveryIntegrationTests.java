package io.mawasu.crm.delivery;

import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.consent.Consents;
import io.mawasu.crm.domain.customer.PhoneNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The worker through the SMS provider's REST API (WireMock): retries and bad numbers. */
@SpringBootTest(classes = DeliveryTestApplication.class)
class SmsDeliveryIntegrationTests {

	static final String PATH = "/2010-04-01/Accounts/AC1/Messages.json";

	@RegisterExtension
	static WireMockExtension provider = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
		.build();

	@DynamicPropertySource
	static void sms(DynamicPropertyRegistry registry) {
		registry.add("crm.delivery.sms.base-url", provider::baseUrl);
		registry.add("crm.delivery.sms.account-sid", () -> "AC1");
		registry.add("crm.delivery.sms.auth-token", () -> "token");
		registry.add("crm.delivery.sms.from", () -> "+15005550006");
	}

	@Autowired
	DeliveryWorker worker;

	@Autowired
	Outbox outbox;

	@Autowired
	Contents contents;

	@Autowired
	Consents consents;

	@Autowired
	JdbcClient jdbc;

	long content;

	@BeforeEach
	void reset() {
		provider.resetAll();
		this.jdbc.sql("truncate domain.customer, domain.suppression, delivery.message, delivery.event cascade")
			.update();
		this.content = this.contents.create(new ContentRequest("SMS", Channel.SMS, null,
				"{{name|お客様}} セール https://shop.example.com/s", null, null, null), "tester");
	}

	@Test
	void sentRetriedAfterRetryAfterOrFailedWithTheNumberSuppressed() {
		long ok = customer("ok", "090-1111-0001");
		long busy = customer("busy", "090-1111-0002");
		long bad = customer("bad", "090-1111-0003");
		stub("+819011110001", 201, "{\"sid\":\"SM1\"}", null);
		stub("+819011110002", 429, "{\"code\":20429}", "3600");
		stub("+819011110003", 400, "{\"code\":21211,\"message\":\"not a valid phone number\"}", null);
		enqueue("s1", ok, busy, bad);

		this.worker.runOnce();

		assertThat(state(ok)).isEqualTo("SENT SM1");
		assertThat(state(busy)).startsWith("QUEUED");
		assertThat(this.jdbc.sql("""
				select extract(epoch from next_attempt_at - now())::bigint from delivery.message where customer_id = :c
				""").param("c", busy).query(Long.class).single()).isCloseTo(3600, within(10L));
		assertThat(state(bad)).startsWith("FAILED");
		assertThat(this.jdbc.sql("select address from domain.suppression where channel = 'SMS'")
			.query(String.class)
			.list()).containsExactly("+819011110003");
		assertThat(provider.findAll(postRequestedFor(urlEqualTo(PATH))))
			.extracting((r) -> java.net.URLDecoder.decode(r.getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8))
			.allSatisfy((body) -> assertThat(body).contains("/t/c/").doesNotContain("shop.example.com"));

		enqueue("s2", bad);
		this.worker.runOnce();
		assertThat(this.jdbc.sql("select skip_reason from delivery.message where step_key = 's2'")
			.query(String.class)
			.single()).isEqualTo("SUPPRESSED");
		assertThat(provider.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(3);
	}

	private void stub(String to, int status, String body, String retryAfter) {
		var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
		if (retryAfter != null) {
			response = response.withHeader("Retry-After", retryAfter);
		}
		provider.stubFor(post(PATH).withFormParam("To", com.github.tomakehurst.wiremock.client.WireMock.equalTo(to))
			.willReturn(response));
	}

	private String state(long customer) {
		return this.jdbc.sql("""
				select state || coalesce(' ' || provider_id, '') from delivery.message where customer_id = :c
				""").param("c", customer).query(String.class).single();
	}

	private void enqueue(String step, long... customers) {
		this.outbox.enqueue(java.util.Arrays.stream(customers)
			.mapToObj((c) -> new Outbox.Entry("CAMPAIGN", 1, step, c, Channel.SMS, this.content, "A"))
			.toList());
	}

	private long customer(String name, String phone) {
		long id = this.jdbc.sql(
				"insert into domain.customer (external_id, name, phone, phone_e164) values (:e, :n, :p, :x) returning id")
			.param("e", "sms-" + name)
			.param("n", name)
			.param("p", phone)
			.param("x", PhoneNumbers.e164(phone).orElse(null))
			.query(Long.class)
			.single();
		this.consents.change(id, Channel.SMS, ConsentStatus.OPT_IN, Instant.now().minusSeconds(60), "TEST", null);
		return id;
	}

}
