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
 * @param rateLimit messages per second per channel across all instances (one shared
 * bucket per channel in the database); absent or 0 means no limit
 * @param testSend limits of test sends
 */
@ConfigurationProperties("crm.delivery")
public record DeliveryProperties(@DefaultValue Email email, @DefaultValue Line line, @DefaultValue Sms sms,
		@DefaultValue Worker worker, @DefaultValue Map<Channel, Integer> rateLimit, @DefaultValue TestSend testSend) {

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
	 * @param groupSize messages marked SENDING and handed to the provider at a time (at
	 * most this many are uncertain after a crash); the rest of a batch stays QUEUED under
	 * the lease until its group's turn
	 * @param lease how long a claim holds without renewal; the worker renews it before
	 * each group, and when it lapses (the instance died) the unattempted messages are
	 * free for any other instance
	 */
	public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("500") int batchSize,
			@DefaultValue("1s") Duration pollInterval, @DefaultValue("5") int maxAttempts,
			@DefaultValue("1m") Duration backoff, @DefaultValue("10m") Duration stuckAfter,
			@DefaultValue("50") int groupSize, @DefaultValue("1m") Duration lease) {

		public Worker {
			if (batchSize < 1 || groupSize < 1) {
				throw new IllegalArgumentException("crm.delivery.worker.batch-size and group-size must be at least 1");
			}
			if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException("crm.delivery.worker.lease must be at least 1s");
			}
		}

	}

	/**
	 * @param maxRecipients addresses one test send may go to
	 */
	public record TestSend(@DefaultValue("20") int maxRecipients) {

	}

}
