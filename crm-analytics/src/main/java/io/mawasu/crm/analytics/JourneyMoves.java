package io.mawasu.crm.analytics;

import java.time.LocalDate;
import java.util.List;

import io.mawasu.crm.segmentation.JourneyStage;

/**
 * How customers moved on the journey between two days. Of the customers on the map on
 * both days, {@code up} rose and {@code down} fell in affinity, {@code along} reached a
 * later stage, and {@code same} did neither; each axis is counted on its own, so a
 * customer who moved along and up is in both {@code along} and {@code up}.
 * {@code entered} are the customers on the map at {@code to} but not yet at {@code from}
 * (registered in between); they are in no cell.
 *
 * @param from the first day
 * @param to the second day
 * @param up affinity higher at {@code to}
 * @param down affinity lower at {@code to}
 * @param along a later stage at {@code to}
 * @param same the same stage and affinity
 * @param entered on the map at {@code to} only
 * @param cells customers per pair of cells, largest first
 */
public record JourneyMoves(LocalDate from, LocalDate to, long up, long down, long along, long same, long entered,
		List<Move> cells) {

	public JourneyMoves {
		cells = List.copyOf(cells);
	}

	/**
	 * Customers who were in one cell at {@code from} and in another (or the same) at
	 * {@code to}.
	 */
	public record Move(JourneyStage fromStage, int fromAffinity, JourneyStage toStage, int toAffinity, long customers) {
	}

}
