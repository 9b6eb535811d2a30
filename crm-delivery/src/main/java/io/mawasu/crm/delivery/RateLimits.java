package io.mawasu.crm.delivery;

import java.util.EnumMap;
import java.util.Map;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shared per-channel rate limits of {@code crm.delivery.rate-limit.<CHANNEL>}
 * (messages per second across all instances); a channel without one is not limited.
 */
@Component
class RateLimits {

	private final Map<Channel, RateLimiter> limiters = new EnumMap<>(Channel.class);

	RateLimits(JdbcClient jdbc, DeliveryProperties properties) {
		properties.rateLimit().forEach((channel, perSecond) -> {
			if (perSecond != null && perSecond > 0) {
				this.limiters.put(channel, new RateLimiter(jdbc, channel, perSecond));
			}
		});
	}

	@Nullable RateLimiter get(Channel channel) {
		return this.limiters.get(channel);
	}

}
