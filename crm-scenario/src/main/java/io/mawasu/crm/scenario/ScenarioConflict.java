package io.mawasu.crm.scenario;

import java.util.List;

/**
 * A scenario is not in the state the request needs (an HTTP 409). Besides its English
 * message it carries a message code ({@code scenario.conflict.*}) and the arguments of
 * that message, so a user interface can say it in the user's language.
 */
public class ScenarioConflict extends RuntimeException {

	private final String code;

	private final List<Object> arguments;

	public ScenarioConflict(String message) {
		this("scenario.conflict.state", message);
	}

	public ScenarioConflict(String code, String message, Object... arguments) {
		super(message);
		this.code = code;
		this.arguments = List.of(arguments);
	}

	/** The message code, for example {@code scenario.conflict.testSendNeeded}. */
	public String code() {
		return this.code;
	}

	/** The arguments of the message ({0}, {1} …), in order. */
	public Object[] arguments() {
		return this.arguments.toArray();
	}

}
