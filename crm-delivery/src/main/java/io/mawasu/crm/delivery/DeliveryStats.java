package io.mawasu.crm.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.domain.consent.Channel;

/**
 * The Deliveries page: the queue now, outcomes per channel and hour over a window, the
 * newest failures and how many messages are stuck in SENDING.
 *
 * @param queue messages waiting, by state: {@code QUEUED} (all), {@code DUE} (of those,
 * due now), {@code SENDING}
 * @param hourly per hour (start, UTC instant) and channel with any outcome, oldest first
 * @param recentFailures the 20 newest FAILED messages
 * @param stuck messages SENDING for longer than {@code crm.delivery.worker.stuck-after}
 */
public record DeliveryStats(Map<String, Long> queue, List<Hourly> hourly, List<Failure> recentFailures, long stuck) {

	public record Hourly(Instant hour, Channel channel, long sent, long failed, long suppressed) {

	}

	public record Failure(long messageId, Instant at, Channel channel, long customerId, String sourceType,
			long sourceId, String stepKey, String error) {

	}

}
