package io.mawasu.crm.scenario;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.mawasu.crm.ScenarioTestApplication;
import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.delivery.DeliveryWorker;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.importing.CsvImports;
import io.mawasu.crm.domain.importing.ImportResult;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
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

/**
 * An SMS scenario to customers imported with national, international and full-width
 * phones: the provider's API (WireMock) is called with each number in E.164, and a
 * customer whose phone is not a number has no SMS address, so is not enrolled.
 */
@SpringBootTest(classes = ScenarioTestApplication.class)
class ScenarioSmsIntegrationTests {

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
	CsvImports imports;

	@Autowired
	Scenarios scenarios;

	@Autowired
	ScenarioEngine engine;

	@Autowired
	DeliveryWorker worker;

	@Autowired
	Contents contents;

	@Autowired
	Segments segments;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void empty() {
		provider.resetAll();
		this.jdbc.sql("""
				truncate scenario.enrollment_event, scenario.enrollment, scenario.scenario, delivery.message,
					segmentation.segment, domain.orders, domain.suppression, domain.customer cascade
				""").update();
	}

	@Test
	void sendsToTheImportedNumbersInE164() {
		ImportResult customers = this.imports.customers(csv("""
				external_id,phone,prefecture
				sms-1,090-1234-5678,Nara
				sms-2,＋８１ ９０ ２２２２ ３３３３,Nara
				sms-3,ask at the counter,Nara
				"""), StandardCharsets.UTF_8, "test", null);
		assertThat(customers.inserted()).isEqualTo(3);
		assertThat(customers.warnings()).singleElement().satisfies((w) -> assertThat(w.line()).isEqualTo(4));
		this.imports.consents(csv("""
				customer_external_id,channel,status,changed_at
				sms-1,SMS,OPT_IN,2026-01-01
				sms-2,SMS,OPT_IN,2026-01-01
				sms-3,SMS,OPT_IN,2026-01-01
				"""), StandardCharsets.UTF_8, "test", null);
		provider.stubFor(post(PATH).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"sid\":\"SM1\"}")));
		long segment = this.segments.create("Nara",
				SegmentRule.parse("{\"field\":\"prefecture\",\"op\":\"eq\",\"value\":\"Nara\"}"), null);
		long content = this.contents
			.create(new ContentRequest("SMS", Channel.SMS, null, "{{name|お客様}} セール", null, null, null), "test");
		long id = this.scenarios.create("""
				{"name":"SMS","segmentId":%d,"quietHours":null,"steps":[
				 {"key":"s1","type":"SEND","channel":"SMS","contentId":%d,"next":"x"},{"key":"x","type":"EXIT"}]}"""
			.formatted(segment, content), "test");
		this.jdbc.sql("update scenario.scenario set test_sent_at = clock_timestamp() where id = :id")
			.param("id", id)
			.update();
		this.scenarios.activate(id);

		this.engine.runOnce();
		this.worker.runOnce();

		assertThat(provider.findAll(postRequestedFor(urlEqualTo(PATH))))
			.extracting((r) -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8))
			.extracting((body) -> body.replaceAll("(?s).*\\bTo=([^&]*).*", "$1"))
			.containsExactlyInAnyOrder("+819012345678", "+819022223333");
	}

	private static ByteArrayInputStream csv(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
