package io.mawasu.crm.scenario;

import java.util.Set;

/** DRAFT → ACTIVE ⇄ PAUSED → ARCHIVED (DRAFT can be archived too). */
public enum ScenarioStatus {

	DRAFT, ACTIVE, PAUSED, ARCHIVED;

	/** Whether the definition may be edited in this status. */
	public boolean editable() {
		throw new UnsupportedOperationException("contract only");
	}

	/** The transitions allowed from this status. */
	public Set<ScenarioAction> actions() {
		throw new UnsupportedOperationException("contract only");
	}

}
