package io.mawasu.crm.analytics;

/**
 * A request that does not fit the cycle's or board's state (an HTTP 409), for example a
 * card written on a closed board.
 */
public class CycleConflict extends RuntimeException {

	public CycleConflict(String message) {
		super(message);
	}

}
