package io.mawasu.crm.segmentation;

/** The unit of recency, T and the horizon in a CLV fit. */
public enum ClvTimeUnit {

	WEEK(7), DAY(1);

	private final int days;

	ClvTimeUnit(int days) {
		this.days = days;
	}

	/** The unit's length in days. */
	public int days() {
		return this.days;
	}

}
