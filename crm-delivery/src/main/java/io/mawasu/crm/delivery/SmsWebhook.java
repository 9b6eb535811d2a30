package io.mawasu.crm.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.consent.Consents;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbound SMS webhook of a Twilio-style provider: a request is genuine when
 * {@code X-Twilio-Signature} is the Base64 HMAC-SHA1, under the auth token
 * ({@code crm.delivery.sms.auth-token}), of the public webhook URL followed by each POST
 * parameter's name and value in name order. A reply of STOP, STOPALL, UNSUBSCRIBE,
 * CANCEL, END, QUIT, 停止 or 配信停止 opts the customers with that phone number out of SMS;
 * START or UNSTOP opts them back in.
 */
@Service
public class SmsWebhook {

	static final String SOURCE = "SMS_WEBHOOK";

	static final String PATH = "/webhooks/sms";

	private static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "停止",
			"配信停止");

	private static final Set<String> START = Set.of("START", "UNSTOP");

	private final DeliveryProperties properties;

	private final TrackingProperties tracking;

	private final Consents consents;

	SmsWebhook(DeliveryProperties properties, TrackingProperties tracking, Consents consents) {
		this.properties = properties;
		this.tracking = tracking;
		this.consents = consents;
	}

	/**
	 * The URL the provider signs: the public {@code crm.tracking.base-url} and
	 * {@value #PATH}, not the request's URL, which proxies change.
	 */
	public String url() {
		return this.tracking.baseUrl().replaceAll("/+$", "") + PATH;
	}

	/**
	 * Verifies and applies an inbound message; returns how many consent changes were
	 * applied.
	 * @param url the URL the provider posted to, as it signed it (normally
	 * {@link #url()})
	 * @throws InvalidSignature when the signature is missing or wrong
	 */
	@Transactional
	public int handle(String url, Map<String, String> params, @Nullable String signature) {
		StringBuilder signed = new StringBuilder(url);
		new TreeMap<>(params).forEach((name, value) -> signed.append(name).append(value));
		Signatures.verify("HmacSHA1", this.properties.sms().authToken(), "crm.delivery.sms.auth-token",
				signed.toString().getBytes(StandardCharsets.UTF_8), signature);
		String body = params.getOrDefault("Body", "").strip().toUpperCase(Locale.ROOT);
		String from = params.getOrDefault("From", "");
		ConsentStatus status = STOP.contains(body) ? ConsentStatus.OPT_OUT
				: START.contains(body) ? ConsentStatus.OPT_IN : null;
		if (status == null || from.isBlank()) {
			return 0;
		}
		int applied = 0;
		for (long customer : this.consents.customersByPhone(from)) {
			if (this.consents.changeNow(customer, Channel.SMS, status, SOURCE, null)) {
				applied++;
			}
		}
		return applied;
	}

}
