package io.mawasu.crm.scenario;

import org.jspecify.annotations.Nullable;

/**
 * A scenario definition that cannot be saved: names the step (null for a scenario-level
 * field) and the field at fault, e.g. {@code step "b1": then → "s9" is not a step}.
 */
public class InvalidScenario extends RuntimeException {

	private final @Nullable String step;

	private final String field;

	public InvalidScenario(@Nullable String step, String field, String message) {
		super(((step != null) ? "step \"" + step + "\": " : "") + field + " " + message);
		this.step = step;
		this.field = field;
	}

	public @Nullable String step() {
		return this.step;
	}

	public String field() {
		return this.field;
	}

}
