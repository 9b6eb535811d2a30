package io.mawasu.crm.delivery.send;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** What a provider made of one message. */
public sealed interface SendOutcome {

	/** Accepted; {@code providerId} is the provider's message id when it gives one. */
	record Sent(@Nullable String providerId) implements SendOutcome {

	}

	/**
	 * Worth retrying (SMTP 4xx, HTTP 429/5xx, connection errors); {@code retryAfter} is
	 * the provider's Retry-After when it sent one.
	 */
	record Transient(String error, @Nullable Duration retryAfter) implements SendOutcome {

	}

	/**
	 * Failed for good; {@code addressUndeliverable} when the address itself is bad (SMTP
	 * 5xx on the recipient), so it is put on the suppression list.
	 */
	record Permanent(String error, boolean addressUndeliverable) implements SendOutcome {

	}

}
