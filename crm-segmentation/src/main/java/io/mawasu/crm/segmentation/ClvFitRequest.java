package io.mawasu.crm.segmentation;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What to fit: purchases up to and including {@code calibrationEnd} (default today in the
 * shop's zone, never in the future), in {@code timeUnit} (default WEEK), predicting
 * {@code horizon} units ahead (default 52, 1 to 520).
 */
public record ClvFitRequest(@Nullable LocalDate calibrationEnd, @Nullable ClvTimeUnit timeUnit,
		@Nullable Integer horizon) {

	public static final int MAX_HORIZON = 520;

	public static ClvFitRequest defaults() {
		return new ClvFitRequest(null, null, null);
	}

	ClvTimeUnit timeUnitOrDefault() {
		return (this.timeUnit != null) ? this.timeUnit : ClvTimeUnit.WEEK;
	}

	int horizonOrDefault() {
		return (this.horizon != null) ? this.horizon : 52;
	}

	void validate(LocalDate today) {
		if (this.horizon != null && (this.horizon < 1 || this.horizon > MAX_HORIZON)) {
			throw new InvalidClvRequest(
					"horizon must be a whole number of units from 1 to " + MAX_HORIZON + ", not " + this.horizon + ".");
		}
		if (this.calibrationEnd != null && this.calibrationEnd.isAfter(today)) {
			throw new InvalidClvRequest("calibrationEnd " + this.calibrationEnd
					+ " is in the future; give a date up to today (" + today + ") in the shop's zone.");
		}
		if (this.calibrationEnd != null && this.calibrationEnd.getYear() < 1900) {
			throw new InvalidClvRequest("calibrationEnd " + this.calibrationEnd + " is before 1900.");
		}
	}

}
