package io.mawasu.crm.segmentation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How customers moved between the segments of two runs.
 *
 * @param fromRunId the earlier run
 * @param toRunId the later run
 * @param flows one entry per (from, to) pair with at least one customer
 */
public record RfmMovement(long fromRunId, long toRunId, List<Flow> flows) {

	/** The number of customers that went from one segment to another. */
	public long count(@Nullable String from, @Nullable String to) {
		return this.flows.stream()
			.filter((flow) -> java.util.Objects.equals(flow.from(), from) && java.util.Objects.equals(flow.to(), to))
			.mapToLong(Flow::customers)
			.sum();
	}

	/**
	 * Customers in segment {@code from} of the first run and {@code to} of the second.
	 *
	 * @param from the segment code in the first run, {@code null} for "not scored"
	 * @param to the segment code in the second run, {@code null} for "not scored"
	 * @param customers how many
	 */
	public record Flow(@Nullable String from, @Nullable String to, long customers) {

	}

}
