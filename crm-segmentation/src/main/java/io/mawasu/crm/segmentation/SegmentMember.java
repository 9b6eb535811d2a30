package io.mawasu.crm.segmentation;

import org.jspecify.annotations.Nullable;

/**
 * A customer in a segment as lists show it. Email and phone are in clear: the web layer
 * masks them for roles that must not see PII.
 */
public record SegmentMember(String externalId, @Nullable String name, @Nullable String email, @Nullable String phone,
		@Nullable String prefecture) {

}
