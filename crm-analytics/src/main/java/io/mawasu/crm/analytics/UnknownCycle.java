package io.mawasu.crm.analytics;

/** No cycle, or no KPT card, has the id (an HTTP 404). */
public class UnknownCycle extends RuntimeException {

	public UnknownCycle(String message) {
		super(message);
	}

	public static UnknownCycle cycle(long id) {
		return new UnknownCycle("No PDCA cycle with id " + id);
	}

	public static UnknownCycle card(long id) {
		return new UnknownCycle("No KPT card with id " + id);
	}

}
