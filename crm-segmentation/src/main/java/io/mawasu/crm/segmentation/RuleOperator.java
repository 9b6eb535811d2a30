package io.mawasu.crm.segmentation;

import java.util.Arrays;
import java.util.Optional;

/**
 * An operator of a rule condition, by its JSON name. {@code between} takes
 * {@code [lo, hi]} inclusive; {@code in} and {@code notIn} a non-empty list;
 * {@code contains} is a case-insensitive substring match on text, and "has the tag" for
 * {@code tag}.
 */
public enum RuleOperator {

	EQ("eq"), NE("ne"), IN("in"), NOT_IN("notIn"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte"), BETWEEN("between"),
	CONTAINS("contains");

	private final String json;

	RuleOperator(String json) {
		this.json = json;
	}

	/** The operator's name in the rule JSON. */
	public String json() {
		return this.json;
	}

	/**
	 * Whether the value is a list ({@code in}, {@code notIn}) or a pair
	 * ({@code between}).
	 */
	public boolean takesList() {
		return this == IN || this == NOT_IN || this == BETWEEN;
	}

	public static Optional<RuleOperator> ofJson(String name) {
		return Arrays.stream(values()).filter((op) -> op.json.equals(name)).findFirst();
	}

}
