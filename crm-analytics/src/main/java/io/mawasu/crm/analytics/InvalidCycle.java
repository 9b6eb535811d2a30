package io.mawasu.crm.analytics;

/**
 * Input to a cycle or its KPT board that cannot be taken (an HTTP 400): names the field
 * and says what is wrong with it.
 */
public class InvalidCycle extends RuntimeException {

	private final String field;

	public InvalidCycle(String field, String message) {
		super(field + ": " + message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
