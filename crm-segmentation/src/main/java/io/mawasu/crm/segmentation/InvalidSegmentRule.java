package io.mawasu.crm.segmentation;

/**
 * A rule that cannot be evaluated, with the JSON path of the offending part (for example
 * {@code all[1].value}) and a message a person can act on.
 */
public class InvalidSegmentRule extends RuntimeException {

	private final String path;

	public InvalidSegmentRule(String path, String message) {
		super(path + ": " + message);
		this.path = path;
	}

	/** The JSON path of the offending part of the rule, {@code rule} for the whole. */
	public String path() {
		return this.path;
	}

}
