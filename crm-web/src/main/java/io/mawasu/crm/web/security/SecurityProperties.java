package io.mawasu.crm.web.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security settings ({@code crm.security.*}): the first admin, and how failed logins are
 * slowed down and locked.
 *
 * @param adminUsername the first admin, created when there is no user yet
 * @param adminPassword its password; generated and logged once when empty
 * @param maxFailedAttempts consecutive failures after which a user is locked
 * @param lockDuration how long a locked user stays locked
 * @param maxFailedAttemptsPerAddress failures from one address (any user names) after
 * which that address is refused until its window ends
 * @param addressWindow the window the failures of one address are counted in, from the
 * first failure
 * @param delayAfterFailedAttempts consecutive failures of a user after which each further
 * attempt on that user waits
 * @param failureDelay the first wait; it doubles with every further failure
 * @param maxFailureDelay the longest wait
 */
@ConfigurationProperties("crm.security")
public record SecurityProperties(@DefaultValue("admin") String adminUsername, @Nullable String adminPassword,
		@DefaultValue("5") int maxFailedAttempts, @DefaultValue("15m") Duration lockDuration,
		@DefaultValue("20") int maxFailedAttemptsPerAddress, @DefaultValue("15m") Duration addressWindow,
		@DefaultValue("3") int delayAfterFailedAttempts, @DefaultValue("250ms") Duration failureDelay,
		@DefaultValue("2s") Duration maxFailureDelay) {

	/** The wait before an attempt on a user who has failed this many times in a row. */
	public Duration delayAfter(int failedAttempts) {
		if (failedAttempts < this.delayAfterFailedAttempts || this.failureDelay.isZero()) {
			return Duration.ZERO;
		}
		int doublings = Math.min(failedAttempts - this.delayAfterFailedAttempts, 20);
		Duration delay = this.failureDelay.multipliedBy(1L << doublings);
		return (delay.compareTo(this.maxFailureDelay) > 0) ? this.maxFailureDelay : delay;
	}

}
