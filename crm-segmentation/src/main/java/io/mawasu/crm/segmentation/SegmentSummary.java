package io.mawasu.crm.segmentation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A saved segment as the list shows it, with its latest snapshot's size and time (null
 * before the first snapshot).
 */
public record SegmentSummary(long id, String name, @Nullable Integer rankPriority, @Nullable Long lastSize,
		@Nullable Instant lastTakenAt) {

}
