package io.mawasu.crm.segmentation;

import java.util.Map;

import io.mawasu.crm.domain.consent.Channel;

/**
 * How many customers a rule matches ({@code size}) and how many of them can be messaged
 * on each channel ({@code reachable}): opted in now, not blacklisted, with an address for
 * the channel that is not suppressed.
 */
public record SegmentCount(long size, Map<Channel, Long> reachable) {

	public SegmentCount {
		reachable = Map.copyOf(reachable);
	}

	public long reachable(Channel channel) {
		return this.reachable.getOrDefault(channel, 0L);
	}

}
