package io.mawasu.crm.analytics;

import java.time.LocalDate;

/**
 * A journey day the caller can correct (an HTTP 400 naming the parameter). {@code code}
 * is a message key ({@code journey.error.future}, {@code .tooEarly}, {@code .order},
 * {@code .span}) whose arguments are {@code arguments}.
 */
public class InvalidJourneyDate extends RuntimeException {

	private final String parameter;

	private final String code;

	private final Object[] arguments;

	InvalidJourneyDate(String parameter, String code, String detail, Object... arguments) {
		super(parameter + ": " + detail);
		this.parameter = parameter;
		this.code = code;
		this.arguments = arguments.clone();
	}

	/** The request parameter at fault ({@code at}, {@code from} or {@code to}). */
	public String parameter() {
		return this.parameter;
	}

	public String code() {
		return this.code;
	}

	public Object[] arguments() {
		return this.arguments.clone();
	}

	static InvalidJourneyDate future(String parameter, LocalDate day, LocalDate today) {
		return new InvalidJourneyDate(parameter, "journey.error.future",
				day + " is in the future; the latest day is today, " + today, day, today);
	}

}
