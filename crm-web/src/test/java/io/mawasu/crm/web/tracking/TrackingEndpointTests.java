package io.mawasu.crm.web.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.mawasu.crm.delivery.ContentRequest;
import io.mawasu.crm.delivery.Contents;
import io.mawasu.crm.delivery.TrackingTokens;
import io.mawasu.crm.delivery.TrackingTokens.Kind;
import io.mawasu.crm.delivery.TrackingTokens.Target;
import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.consent.Consents;
import io.mawasu.crm.domain.customer.PhoneNumbers;
import io.mawasu.crm.segmentation.SegmentRule;
import io.mawasu.crm.segmentation.Segments;
import io.mawasu.crm.web.CrmIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CrmIntegrationTest
class TrackingEndpointTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TrackingTokens tokens;

	@Autowired
	Contents contents;

	@Autowired
	Consents consents;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Segments segments;

	String prefix;

	long customer;

	long message;

	@BeforeEach
	void sentMessage() {
		this.prefix = "te" + UUID.randomUUID().toString().substring(0, 8);
		long content = this.contents.create(new ContentRequest("Endpoint " + this.prefix, Channel.EMAIL, "Sale",
				"<p><a href=\"https://shop.example.com/sale\">Sale</a></p>", null, null, null), "tester");
		// a Japanese mobile number of its own, stored as imports store it
		String phone = "+81 90 " + String.format("%08d", Math.floorMod(this.prefix.hashCode(), 100_000_000));
		this.customer = this.jdbc.sql("""
				insert into domain.customer (external_id, email, line_user_id, phone, phone_e164)
				values (:e, :m, :l, :p, :x) returning id
				""")
			.param("e", this.prefix)
			.param("m", this.prefix + "@example.com")
			.param("l", "U" + this.prefix)
			.param("p", phone)
			.param("x", PhoneNumbers.e164(phone).orElseThrow())
			.query(Long.class)
			.single();
		Instant before = Instant.now().minusSeconds(3600);
		for (Channel channel : Channel.messagingChannels()) {
			this.consents.change(this.customer, channel, ConsentStatus.OPT_IN, before, "TEST", null);
		}
		this.message = this.jdbc
			.sql("""
					insert into delivery.message (source_type, source_id, step_key, customer_id, channel, content_id, variant,
						state, sent_at, address)
					values ('CAMPAIGN', 1, :step, :c, 'EMAIL', :content, 'A', 'SENT', now(), :address)
					returning id
					""")
			.param("step", this.prefix)
			.param("c", this.customer)
			.param("content", content)
			.param("address", this.prefix + "@example.com")
			.query(Long.class)
			.single();
	}

	@Test
	void theOpenPixelIsAnUncachedGifForAnyToken() throws Exception {
		SegmentRule openedToday = SegmentRule.parse("{\"field\":\"openedWithinDays\",\"op\":\"lte\",\"value\":1}");
		long openedBefore = this.segments.count(openedToday).size();
		this.mvc.perform(get("/t/o/" + token(Kind.OPEN, 0)))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.IMAGE_GIF))
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			.andExpect(content().bytes(TrackingController.PIXEL));
		this.mvc.perform(get("/t/o/forged.token")).andExpect(status().isOk());
		assertThat(events("OPENED")).isEqualTo(1);
		// the open reaches segmentation's engagement fields through crm-domain
		assertThat(this.segments.count(openedToday).size()).isEqualTo(openedBefore + 1);
	}

	@Test
	void aClickRedirectsOnlyToTheContentsLink() throws Exception {
		this.mvc.perform(get("/t/c/" + token(Kind.CLICK, 0)))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "https://shop.example.com/sale"));
		this.mvc.perform(get("/t/c/" + token(Kind.CLICK, 1)).header("Accept-Language", "en"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Link not found")));
		this.mvc.perform(get("/t/c/" + token(Kind.OPEN, 0))).andExpect(status().isNotFound());
		assertThat(events("CLICKED")).isEqualTo(1);
	}

	@Test
	void theUnsubscribePageAsksFirstAndOneClickOptsOut() throws Exception {
		String token = token(Kind.UNSUBSCRIBE, 0);
		this.mvc.perform(get("/u/" + token).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("配信を停止する")))
			.andExpect(content().string(containsString(this.prefix.charAt(0) + "***@example.com")))
			.andExpect(content().string(containsString("メール")));
		assertThat(this.consents.status(this.customer, Channel.EMAIL)).contains(ConsentStatus.OPT_IN);

		this.mvc
			.perform(post("/u/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click")
				.header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You are unsubscribed")));
		assertThat(this.consents.status(this.customer, Channel.EMAIL)).contains(ConsentStatus.OPT_OUT);
		assertThat(this.jdbc.sql("""
				select status || ' ' || source from domain.consent_history
				where customer_id = :c and channel = 'EMAIL' order by id
				""").param("c", this.customer).query(String.class).list()).containsExactly("OPT_IN TEST",
				"OPT_OUT UNSUBSCRIBE");

		this.mvc.perform(get("/u/" + token.substring(0, token.length() - 2) + "xx")).andExpect(status().isNotFound());
		this.mvc.perform(post("/u/not-a-token")).andExpect(status().isNotFound());
	}

	@Test
	void theLineWebhookChecksTheSignature() throws Exception {
		String body = "{\"events\":[{\"type\":\"unfollow\",\"timestamp\":" + System.currentTimeMillis()
				+ ",\"source\":{\"type\":\"user\",\"userId\":\"U" + this.prefix + "\"}}]}";
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		this.mvc
			.perform(post("/webhooks/line").contentType(MediaType.APPLICATION_JSON)
				.content(bytes)
				.header("X-Line-Signature", sign("HmacSHA256", "wrong-secret", bytes)))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(this.consents.status(this.customer, Channel.LINE)).contains(ConsentStatus.OPT_IN);

		this.mvc
			.perform(post("/webhooks/line").contentType(MediaType.APPLICATION_JSON)
				.content(bytes)
				.header("X-Line-Signature", sign("HmacSHA256", "test-line-channel-secret", bytes)))
			.andExpect(status().isOk());
		assertThat(this.consents.status(this.customer, Channel.LINE)).contains(ConsentStatus.OPT_OUT);
	}

	@Test
	void theSmsWebhookChecksTheSignatureOverThePublicUrl() throws Exception {
		String from = this.jdbc.sql("select phone from domain.customer where id = :c")
			.param("c", this.customer)
			.query(String.class)
			.single()
			.replace(" ", "");
		String url = "http://localhost:8080/webhooks/sms";
		String signed = url + "Body" + "STOP" + "From" + from;
		this.mvc
			.perform(post("/webhooks/sms").param("From", from)
				.param("Body", "STOP")
				.header("X-Twilio-Signature", sign("HmacSHA1", "wrong-token", signed.getBytes(StandardCharsets.UTF_8))))
			.andExpect(status().isUnauthorized());
		assertThat(this.consents.status(this.customer, Channel.SMS)).contains(ConsentStatus.OPT_IN);

		this.mvc
			.perform(post("/webhooks/sms").param("From", from)
				.param("Body", "STOP")
				.header("X-Twilio-Signature",
						sign("HmacSHA1", "test-sms-auth-token", signed.getBytes(StandardCharsets.UTF_8))))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_XML))
			.andExpect(content().string("<Response/>"));
		assertThat(this.consents.status(this.customer, Channel.SMS)).contains(ConsentStatus.OPT_OUT);
	}

	@Test
	void anUnsubscribeAnUnfollowAndAStopApplyNowWhateverTheStoredDate() throws Exception {
		// rows dated in the future, as imports stored them before such dates were refused
		this.jdbc.sql("update domain.consent set changed_at = timestamptz '2099-01-01 00:00+00' where customer_id = :c")
			.param("c", this.customer)
			.update();
		Instant before = Instant.now();
		this.mvc
			.perform(post("/u/" + token(Kind.UNSUBSCRIBE, 0)).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andExpect(status().isOk());
		byte[] unfollow = ("{\"events\":[{\"type\":\"unfollow\",\"timestamp\":1577836800000,"
				+ "\"source\":{\"type\":\"user\",\"userId\":\"U" + this.prefix + "\"}}]}")
			.getBytes(StandardCharsets.UTF_8);
		this.mvc
			.perform(post("/webhooks/line").contentType(MediaType.APPLICATION_JSON)
				.content(unfollow)
				.header("X-Line-Signature", sign("HmacSHA256", "test-line-channel-secret", unfollow)))
			.andExpect(status().isOk());
		String from = this.jdbc.sql("select replace(phone, ' ', '') from domain.customer where id = :c")
			.param("c", this.customer)
			.query(String.class)
			.single();
		String signed = "http://localhost:8080/webhooks/sms" + "Body" + "STOP" + "From" + from;
		this.mvc
			.perform(post("/webhooks/sms").param("From", from)
				.param("Body", "STOP")
				.header("X-Twilio-Signature",
						sign("HmacSHA1", "test-sms-auth-token", signed.getBytes(StandardCharsets.UTF_8))))
			.andExpect(status().isOk());
		Instant after = Instant.now();
		for (Channel channel : Channel.messagingChannels()) {
			assertThat(this.consents.status(this.customer, channel)).as(channel.name()).contains(ConsentStatus.OPT_OUT);
			Instant changedAt = this.jdbc
				.sql("select changed_at from domain.consent where customer_id = :c and channel = :ch")
				.param("c", this.customer)
				.param("ch", channel.name())
				.query(OffsetDateTime.class)
				.single()
				.toInstant();
			assertThat(changedAt).as(channel.name()).isBetween(before.minusSeconds(1), after.plusSeconds(1));
		}
	}

	private long events(String kind) {
		return this.jdbc.sql("select count(*) from delivery.event where message_id = :m and kind = :k")
			.param("m", this.message)
			.param("k", kind)
			.query(Long.class)
			.single();
	}

	private String token(Kind kind, int link) {
		return this.tokens.sign(new Target(kind, this.message, link));
	}

	static String sign(String algorithm, String key, byte[] data) throws Exception {
		Mac mac = Mac.getInstance(algorithm);
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
		return Base64.getEncoder().encodeToString(mac.doFinal(data));
	}

}
