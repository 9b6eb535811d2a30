package io.mawasu.crm.domain.consent;

import java.time.Instant;

/**
 * Published when a customer's consent for a channel changed through the application
 * (unsubscribe link, LINE unfollow, SMS STOP, a person's edit), so scenarios can let an
 * opted-out customer go at once. Imports are checked at send time instead.
 */
public record ConsentChanged(long customerId, Channel channel, ConsentStatus status, Instant at, String source) {

}
