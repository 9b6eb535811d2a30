package io.mawasu.crm.delivery;

import java.time.Instant;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One message of a customer's timeline, with its state and why it was skipped or failed.
 */
public record TimelineEntry(long messageId, Instant createdAt, String sourceType, long sourceId, String stepKey,
		Channel channel, @Nullable Long contentId, @Nullable String variant, String state,
		@Nullable SkipReason skipReason, @Nullable String error, @Nullable Instant sentAt, @Nullable Instant openedAt,
		@Nullable Instant clickedAt) {

}
