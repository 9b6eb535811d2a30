package io.mawasu.crm.segmentation.rule;

import java.util.Map;

/**
 * A rule as SQL: the {@code from} clause (customers as {@code c}, joined to what the rule
 * needs) and the {@code where} predicate, with their bind parameters. Only whitelisted
 * SQL is ever written into the text; every value from the rule is a parameter.
 */
public record CompiledRule(String from, String where, Map<String, Object> parameters) {

	public CompiledRule {
		parameters = Map.copyOf(parameters);
	}

	/** {@code from … where …}, ready to follow a select list. */
	public String fromWhere() {
		return "from " + this.from + "\nwhere " + this.where;
	}

}
