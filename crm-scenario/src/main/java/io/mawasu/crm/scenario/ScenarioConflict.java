package io.mawasu.crm.scenario;

/** A scenario is not in the state the request needs (an HTTP 409). */
public class ScenarioConflict extends RuntimeException {

	public ScenarioConflict(String message) {
		super(message);
	}

}
