package io.mawasu.crm.delivery;

import io.mawasu.crm.domain.consent.Channel;

/** Which message an event is about: its outbox id, source, step and customer. */
public record MessageRef(long messageId, String sourceType, long sourceId, String stepKey, long customerId,
		Channel channel) {

}
