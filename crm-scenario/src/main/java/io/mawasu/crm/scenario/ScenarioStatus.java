package io.mawasu.crm.scenario;

/** DRAFT → ACTIVE ⇄ PAUSED → ARCHIVED (DRAFT can be archived too). */
public enum ScenarioStatus {

	DRAFT, ACTIVE, PAUSED, ARCHIVED

}
