package io.mawasu.crm.analytics;

import java.time.LocalDate;
import java.util.List;

import io.mawasu.crm.segmentation.JourneyStage;

/**
 * The customer journey on one day: every (stage, affinity) cell with its customers, zeros
 * included, stages in order and levels from 1 (lowest) up.
 *
 * @param at the day (shop's zone)
 * @param regularPurchases purchases from which a customer is a regular
 * @param stages the stages, across
 * @param levels the affinity levels, up
 * @param cells one per stage and level
 * @param customers everyone on the map that day
 */
public record JourneyMap(LocalDate at, int regularPurchases, List<JourneyStage> stages, List<Integer> levels,
		List<Cell> cells, long customers) {

	public JourneyMap {
		stages = List.copyOf(stages);
		levels = List.copyOf(levels);
		cells = List.copyOf(cells);
	}

	/** The customers of one cell. */
	public record Cell(JourneyStage stage, int affinity, long customers) {
	}

	/** The customers in the cell (0 when it is empty). */
	public long customers(JourneyStage stage, int affinity) {
		return this.cells.stream()
			.filter((c) -> c.stage() == stage && c.affinity() == affinity)
			.mapToLong(Cell::customers)
			.sum();
	}

}
