package io.mawasu.crm.segmentation;

import java.time.Instant;

/**
 * A segment's members frozen at one time, with the size and the reach per channel then.
 */
public record SegmentSnapshot(long id, Instant takenAt, long size, long reachEmail, long reachLine, long reachSms) {

}
