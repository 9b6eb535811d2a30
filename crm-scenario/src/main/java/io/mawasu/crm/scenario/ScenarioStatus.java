package io.mawasu.crm.scenario;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** DRAFT → ACTIVE ⇄ PAUSED → ARCHIVED (DRAFT can be archived too). */
public enum ScenarioStatus {

	DRAFT, ACTIVE, PAUSED, ARCHIVED;

	/** Whether the definition may be edited in this status: DRAFT or PAUSED. */
	public boolean editable() {
		return this == DRAFT || this == PAUSED;
	}

	/**
	 * The transitions allowed from this status, in declaration order (ACTIVATE, PAUSE,
	 * RESUME, ARCHIVE).
	 */
	public Set<ScenarioAction> actions() {
		return switch (this) {
			case DRAFT -> Collections.unmodifiableSet(EnumSet.of(ScenarioAction.ACTIVATE, ScenarioAction.ARCHIVE));
			case ACTIVE -> Collections.unmodifiableSet(EnumSet.of(ScenarioAction.PAUSE, ScenarioAction.ARCHIVE));
			case PAUSED -> Collections.unmodifiableSet(EnumSet.of(ScenarioAction.RESUME, ScenarioAction.ARCHIVE));
			case ARCHIVED -> Collections.unmodifiableSet(EnumSet.noneOf(ScenarioAction.class));
		};
	}

}
