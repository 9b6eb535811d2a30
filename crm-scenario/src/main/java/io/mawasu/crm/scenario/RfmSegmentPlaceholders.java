package io.mawasu.crm.scenario;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.mawasu.crm.delivery.PlaceholderSource;
import io.mawasu.crm.segmentation.RfmRuns;
import io.mawasu.crm.segmentation.RfmSegment;
import io.mawasu.crm.segmentation.RfmSegments;

import org.springframework.stereotype.Component;

/**
 * {@code {{rfmSegment}}}: the customer's segment in the newest finished RFM run, by its
 * Japanese name (the shop's customers read it), for a whole batch in one query.
 */
@Component
class RfmSegmentPlaceholders implements PlaceholderSource {

	private final RfmRuns runs;

	private final RfmSegments segments;

	RfmSegmentPlaceholders(RfmRuns runs, RfmSegments segments) {
		this.runs = runs;
		this.segments = segments;
	}

	@Override
	public Set<String> names() {
		return Set.of("rfmSegment");
	}

	@Override
	public Map<Long, Map<String, String>> values(Collection<Long> customerIds) {
		Map<Long, String> codes = this.runs.latestSegmentCodes(customerIds);
		if (codes.isEmpty()) {
			return Map.of();
		}
		Map<String, String> names = new HashMap<>();
		for (RfmSegment segment : this.segments.segments()) {
			names.put(segment.code(), segment.nameJa());
		}
		Map<Long, Map<String, String>> values = new HashMap<>();
		codes.forEach((customer, code) -> values.put(customer, Map.of("rfmSegment", names.getOrDefault(code, code))));
		return values;
	}

}
