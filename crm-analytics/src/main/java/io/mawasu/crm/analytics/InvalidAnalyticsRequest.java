package io.mawasu.crm.analytics;

/** A request to the Check the caller can correct (an HTTP 400 naming the field). */
public class InvalidAnalyticsRequest extends RuntimeException {

	private final String field;

	private final String reason;

	public InvalidAnalyticsRequest(String field, String reason) {
		super(field + " " + reason);
		this.field = field;
		this.reason = reason;
	}

	/** What is wrong with the field, without its name. */
	public String reason() {
		return this.reason;
	}

	public String field() {
		return this.field;
	}

}
