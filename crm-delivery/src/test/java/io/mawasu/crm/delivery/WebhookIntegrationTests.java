package io.mawasu.crm.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.mawasu.crm.DeliveryTestApplication;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.consent.Consents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(classes = DeliveryTestApplication.class, properties = { "crm.delivery.line.channel-secret=line-secret",
		"crm.delivery.sms.auth-token=sms-token", "crm.tracking.base-url=https://crm.example.com/" })
class WebhookIntegrationTests {

	@Autowired
	LineWebhook line;

	@Autowired
	SmsWebhook sms;

	@Autowired
	Consents consents;

	@Autowired
	JdbcClient jdbc;

	long customer;

	@BeforeEach
	void customer() {
		this.jdbc.sql("truncate domain.customer cascade").update();
		this.customer = this.jdbc.sql("""
				insert into domain.customer (external_id, line_user_id, phone, phone_e164)
				values ('wh1', 'U4af4980629', '090-1234-5678', '+819012345678') returning id
				""").query(Long.class).single();
		Instant before = Instant.now().minusSeconds(3600);
		this.consents.change(this.customer, Channel.LINE, ConsentStatus.OPT_IN, before, "TEST", null);
		this.consents.change(this.customer, Channel.SMS, ConsentStatus.OPT_IN, before, "TEST", null);
	}

	@Test
	void lineUnfollowOptsOutAndFollowOptsBackIn() throws Exception {
		long now = System.currentTimeMillis();
		byte[] unfollow = ("""
				{"destination":"x","events":[{"type":"unfollow","timestamp":%d,"source":{"type":"user","userId":"U4af4980629"}},
				{"type":"unfollow","timestamp":%d,"source":{"type":"user","userId":"Uunknown"}},
				{"type":"message","timestamp":%d,"source":{"type":"user","userId":"U4af4980629"}}]}
				""")
			.formatted(now, now, now)
			.getBytes(StandardCharsets.UTF_8);
		assertThat(this.line.handle(unfollow, sign("HmacSHA256", "line-secret", unfollow))).isEqualTo(1);
		assertThat(this.consents.status(this.customer, Channel.LINE)).contains(ConsentStatus.OPT_OUT);

		byte[] follow = ("{\"events\":[{\"type\":\"follow\",\"timestamp\":" + (now + 1000)
				+ ",\"source\":{\"type\":\"user\",\"userId\":\"U4af4980629\"}}]}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(this.line.handle(follow, sign("HmacSHA256", "line-secret", follow))).isEqualTo(1);
		assertThat(this.consents.status(this.customer, Channel.LINE)).contains(ConsentStatus.OPT_IN);
		assertThat(this.jdbc.sql("select source from domain.consent_history where channel = 'LINE' order by id")
			.query(String.class)
			.list()).containsExactly("TEST", "LINE_WEBHOOK", "LINE_WEBHOOK");
	}

	@Test
	void lineRequestsWithABadSignatureChangeNothing() throws Exception {
		byte[] body = "{\"events\":[{\"type\":\"unfollow\",\"source\":{\"userId\":\"U4af4980629\"}}]}"
			.getBytes(StandardCharsets.UTF_8);
		String good = sign("HmacSHA256", "line-secret", body);
		assertThatExceptionOfType(InvalidSignature.class)
			.isThrownBy(() -> this.line.handle(body, sign("HmacSHA256", "other-secret", body)));
		byte[] altered = new String(body, StandardCharsets.UTF_8).replace("unfollow", "follow")
			.getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(InvalidSignature.class).isThrownBy(() -> this.line.handle(altered, good));
		assertThatExceptionOfType(InvalidSignature.class).isThrownBy(() -> this.line.handle(body, null));
		assertThatExceptionOfType(InvalidSignature.class).isThrownBy(() -> this.line.handle(body, "not base64!"));
		assertThat(this.consents.status(this.customer, Channel.LINE)).contains(ConsentStatus.OPT_IN);
	}

	@Test
	void smsStopOptsOutTheSenderAndStartOptsBackIn() throws Exception {
		assertThat(this.sms.url()).isEqualTo("https://crm.example.com/webhooks/sms");
		Map<String, String> stop = Map.of("From", "+819012345678", "To", "+815011112222", "Body", " 配信停止 ",
				"MessageSid", "SM1");
		assertThat(this.sms.handle(this.sms.url(), stop, twilio(this.sms.url(), stop))).isEqualTo(1);
		assertThat(this.consents.status(this.customer, Channel.SMS)).contains(ConsentStatus.OPT_OUT);

		Map<String, String> hello = Map.of("From", "+819012345678", "Body", "hello");
		assertThat(this.sms.handle(this.sms.url(), hello, twilio(this.sms.url(), hello))).isZero();

		Thread.sleep(5);
		Map<String, String> start = Map.of("From", "+819012345678", "Body", "start");
		assertThat(this.sms.handle(this.sms.url(), start, twilio(this.sms.url(), start))).isEqualTo(1);
		assertThat(this.consents.status(this.customer, Channel.SMS)).contains(ConsentStatus.OPT_IN);
	}

	@Test
	void smsRequestsWithABadSignatureChangeNothing() throws Exception {
		Map<String, String> stop = Map.of("From", "+819012345678", "Body", "STOP");
		String good = twilio(this.sms.url(), stop);
		assertThatExceptionOfType(InvalidSignature.class).isThrownBy(
				() -> this.sms.handle(this.sms.url(), Map.of("From", "+819012345678", "Body", "STOPALL"), good));
		assertThatExceptionOfType(InvalidSignature.class)
			.isThrownBy(() -> this.sms.handle("http://proxy.internal/webhooks/sms", stop, good));
		assertThatExceptionOfType(InvalidSignature.class).isThrownBy(() -> this.sms.handle(this.sms.url(), stop, ""));
		assertThat(this.consents.status(this.customer, Channel.SMS)).contains(ConsentStatus.OPT_IN);
	}

	static String twilio(String url, Map<String, String> params) throws Exception {
		StringBuilder data = new StringBuilder(url);
		params.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((e) -> data.append(e.getKey()).append(e.getValue()));
		return sign("HmacSHA1", "sms-token", data.toString().getBytes(StandardCharsets.UTF_8));
	}

	static String sign(String algorithm, String key, byte[] data) throws Exception {
		Mac mac = Mac.getInstance(algorithm);
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
		return Base64.getEncoder().encodeToString(mac.doFinal(data));
	}

}
