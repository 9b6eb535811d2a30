package io.mawasu.crm.web.journey;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The journey page's model: the grid with the highest affinity level on top, and the
 * moves when both days were given.
 *
 * @param stages stage labels, across
 * @param rows one per affinity level, highest first
 * @param customers everyone on the map
 * @param moves the moves between the two days, or null
 */
record JourneyView(List<String> stages, List<Row> rows, long customers, @Nullable Moves moves) {

	/** One affinity level across the stages. */
	record Row(int level, String label, List<Cell> cells) {
	}

	/**
	 * One cell: its customers, share of everyone on the map (text), colour step 0–5 (by
	 * customers against the fullest cell), and the builder's pre-filled rule and name.
	 */
	record Cell(String stage, String stageLabel, int level, long customers, String share, int heat, String rule,
			String segmentName, String description) {
	}

	/** Up, down, along, same and entered, and the largest moves (from → to). */
	record Moves(String from, String to, long up, long down, long along, long same, long entered, List<Move> top) {
	}

	/** Customers who moved from one cell to another. */
	record Move(String fromStage, String fromLevel, String toStage, String toLevel, long customers) {
	}

}
