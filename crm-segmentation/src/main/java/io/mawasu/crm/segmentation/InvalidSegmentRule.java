package io.mawasu.crm.segmentation;

import java.util.List;

/**
 * A rule that cannot be evaluated, with the JSON path of the offending part (for example
 * {@code all[1].value}) and a message a person can act on. Besides the English message it
 * carries a message code ({@code segments.rule.*}) with its arguments, so a user
 * interface can say it in the user's language; a {@link RuleField} argument stands for
 * the field, to be shown by its name or its label.
 */
public class InvalidSegmentRule extends RuntimeException {

	private final String path;

	private final String detail;

	private final String code;

	private final List<Object> arguments;

	public InvalidSegmentRule(String path, String message) {
		this(path, "segments.rule.invalid", message, message);
	}

	public InvalidSegmentRule(String path, String code, String message, Object... arguments) {
		super(path + ": " + message);
		this.path = path;
		this.detail = message;
		this.code = code;
		this.arguments = List.of(arguments);
	}

	/** The JSON path of the offending part of the rule, {@code rule} for the whole. */
	public String path() {
		return this.path;
	}

	/** The English message without the path. */
	public String detail() {
		return this.detail;
	}

	/** The message code, for example {@code segments.rule.wholeNumber}. */
	public String code() {
		return this.code;
	}

	/** The arguments of the message ({0}, {1} …). */
	public Object[] arguments() {
		return this.arguments.toArray();
	}

}
