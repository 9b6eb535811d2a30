package io.mawasu.crm.delivery;

import java.time.Duration;
import java.util.Map;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery settings ({@code crm.delivery.*}); SMTP itself is Spring Boot's
 * {@code spring.mail.*}. Credentials come from the environment, never from files in the
 * repository.
 *
 * @param email the sender address of every email
 * @param line the LINE Messaging API endpoint, channel access token (push) and channel
 * secret (webhook signatures)
 * @param sms the Twilio-style SMS API endpoint, account SID, auth token (also the webhook
 * signing key) and sending number
 * @param worker how the outbox is worked off
 * @param rateLimit messages per second per channel; absent or 0 means no limit
 */
@ConfigurationProperties("crm.delivery")
public record DeliveryProperties(@DefaultValue Email email, @DefaultValue Line line, @DefaultValue Sms sms,
		@DefaultValue Worker worker, @DefaultValue Map<Channel, Integer> rateLimit) {

	public record Email(@DefaultValue("CRM <noreply@localhost>") String from) {

	}

	public record Line(@DefaultValue("https://api.line.me") String baseUrl, @Nullable String channelAccessToken,
			@Nullable String channelSecret) {

	}

	public record Sms(@DefaultValue("https://api.twilio.com") String baseUrl, @Nullable String accountSid,
			@Nullable String authToken, @Nullable String from) {

	}

	/**
	 * @param enabled whether this instance works the outbox (any number may)
	 * @param batchSize messages claimed at a time
	 * @param pollInterval pause between polls when the queue is empty
	 * @param maxAttempts attempts before a transient error becomes a failure
	 * @param backoff the first retry delay, doubled on each further attempt
	 * @param stuckAfter how long a message may stay SENDING before it is reported
	 */
	public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("200") int batchSize,
			@DefaultValue("1s") Duration pollInterval, @DefaultValue("5") int maxAttempts,
			@DefaultValue("1m") Duration backoff, @DefaultValue("10m") Duration stuckAfter) {

	}

}
