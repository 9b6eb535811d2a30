package io.mawasu.crm.segmentation;

/** Another CLV fit is running (on this or another instance). */
public class ClvFitAlreadyRunning extends RuntimeException {

	public ClvFitAlreadyRunning() {
		super("A CLV fit is already running; wait for it to finish and read it with GET /api/clv/fits/latest.");
	}

}
