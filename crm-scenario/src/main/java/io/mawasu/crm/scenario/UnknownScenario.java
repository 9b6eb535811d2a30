package io.mawasu.crm.scenario;

/** No scenario has the id (an HTTP 404). */
public class UnknownScenario extends RuntimeException {

	public UnknownScenario(long id) {
		super("No scenario with id " + id);
	}

}
