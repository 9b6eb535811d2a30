package io.mawasu.crm.segmentation;

/**
 * Published when a segment took a new snapshot (on create and on every refresh), so
 * scenarios can enrol its new members.
 */
public record SegmentRefreshed(long segmentId, long snapshotId) {

}
