package io.mawasu.crm.delivery.send;

import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mawasu.crm.delivery.DeliveryProperties;
import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * SMS through a Twilio-style REST API: one form POST per message to
 * {@code /2010-04-01/Accounts/{sid}/Messages.json} with HTTP Basic (account SID, auth
 * token). 429 and 5xx are transient (with Retry-After when given); error 21211 (invalid
 * number) and 21614 (not a mobile number) mark the number undeliverable; other 4xx fail
 * the message.
 */
@Component
class SmsSender implements ChannelSender {

	static final Set<Integer> UNDELIVERABLE = Set.of(21211, 21614);

	private final RestClient http;

	private final Clock clock;

	private final DeliveryProperties.Sms sms;

	SmsSender(ObjectProvider<RestClient.Builder> builders, DeliveryProperties properties, ObjectProvider<Clock> clock) {
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.http = ProviderHttp.client(builders, properties.sms().baseUrl());
		this.sms = properties.sms();
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public List<SendOutcome> send(List<Outgoing> batch) {
		if (blank(this.sms.accountSid()) || blank(this.sms.authToken()) || blank(this.sms.from())) {
			return batch.stream()
				.map((o) -> (SendOutcome) new SendOutcome.Permanent(
						"SMS is not configured (crm.delivery.sms.account-sid, "
								+ "crm.delivery.sms.auth-token, crm.delivery.sms.from)",
						false))
				.toList();
		}
		List<SendOutcome> outcomes = new ArrayList<>(batch.size());
		for (Outgoing outgoing : batch) {
			outcomes.add(send(outgoing));
		}
		return outcomes;
	}

	private SendOutcome send(Outgoing outgoing) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("To", outgoing.address());
		form.add("From", this.sms.from());
		form.add("Body", outgoing.message().text());
		try {
			return this.http.post()
				.uri("/2010-04-01/Accounts/{sid}/Messages.json", this.sms.accountSid())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.headers((h) -> h.setBasicAuth(this.sms.accountSid(), this.sms.authToken(), StandardCharsets.UTF_8))
				.body(form)
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					String answer = StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8);
					Map<String, Object> json = ProviderHttp.json(answer);
					if (response.getStatusCode().is2xxSuccessful()) {
						Object sid = json.get("sid");
						return new SendOutcome.Sent((sid != null) ? sid.toString() : null);
					}
					String error = "SMS " + status + " " + ProviderHttp.abbreviate(answer);
					if (status == 429 || status >= 500) {
						return new SendOutcome.Transient(error,
								ProviderHttp.retryAfter(response.getHeaders(), this.clock.instant()));
					}
					Integer code = code(json);
					return new SendOutcome.Permanent(error, code != null && UNDELIVERABLE.contains(code));
				});
		}
		catch (RestClientException ex) {
			return new SendOutcome.Transient("SMS provider unreachable: " + ex.getMessage(), null);
		}
	}

	private static @Nullable Integer code(Map<String, Object> json) {
		return (json.get("code") instanceof Number n) ? n.intValue() : null;
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
