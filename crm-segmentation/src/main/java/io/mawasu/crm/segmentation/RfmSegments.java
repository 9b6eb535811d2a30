package io.mawasu.crm.segmentation;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.mawasu.crm.segmentation.rfm.RfmQueries;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The named RFM segments and the editable R &times; FM grid that assigns them (FM =
 * round((f + m) / 2), halves up). Grid changes apply to runs started afterwards; a
 * finished run keeps the segments it assigned.
 */
@Service
public class RfmSegments {

	private final RfmQueries queries;

	RfmSegments(RfmQueries queries) {
		this.queries = queries;
	}

	/** The named segments in display order. */
	public List<RfmSegment> segments() {
		return this.queries.segments();
	}

	/** The 25 cells of the grid, R 5 to 1, FM 1 to 5. */
	public List<RfmGridCell> grid() {
		return this.queries.grid();
	}

	/**
	 * Points the given cells at their segments.
	 * @throws InvalidRfmRequest for a score outside 1-5 or an unknown segment code
	 */
	@Transactional
	public void updateGrid(List<RfmGridCell> cells) {
		Set<String> codes = segments().stream().map(RfmSegment::code).collect(Collectors.toSet());
		for (RfmGridCell cell : cells) {
			if (cell.r() < 1 || cell.r() > 5 || cell.fm() < 1 || cell.fm() > 5) {
				throw new InvalidRfmRequest(
						"grid cells need r and fm between 1 and 5, not " + cell.r() + ", " + cell.fm());
			}
			if (!codes.contains(cell.segment())) {
				throw new InvalidRfmRequest("unknown segment '" + cell.segment() + "'; use one of " + codes);
			}
		}
		cells.forEach(this.queries::updateCell);
	}

}
