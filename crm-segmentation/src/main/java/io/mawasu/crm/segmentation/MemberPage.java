package io.mawasu.crm.segmentation;

import java.util.List;

/**
 * One page of a segment's members, ordered by external id; {@code page} counts from 0.
 */
public record MemberPage(List<SegmentMember> content, int page, int size, long totalElements) {

	public MemberPage {
		content = List.copyOf(content);
	}

	public int totalPages() {
		return (size == 0) ? 0 : (int) ((this.totalElements + this.size - 1) / this.size);
	}

}
