package io.mawasu.crm.segmentation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A saved rule segment: its rule, the marketer's priority (Rank of 4R, higher first) and
 * its own refresh schedule (a Spring cron expression; null means the global default).
 */
public record SegmentDetail(long id, String name, SegmentRule rule, @Nullable Integer rankPriority,
		@Nullable String refreshCron, @Nullable String createdBy, Instant createdAt) {

}
