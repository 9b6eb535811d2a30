package io.mawasu.crm.segmentation;

/**
 * Another RFM run is in progress (on this or another app instance); only one runs at a
 * time.
 */
public class RfmRunAlreadyRunning extends IllegalStateException {

	private final long runningId;

	public RfmRunAlreadyRunning(long runningId) {
		super("RFM run " + runningId + " is still running; wait until it has finished, then start a new one.");
		this.runningId = runningId;
	}

	public long runningId() {
		return this.runningId;
	}

}
