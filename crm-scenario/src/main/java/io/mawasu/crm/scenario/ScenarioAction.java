package io.mawasu.crm.scenario;

/** A lifecycle transition of a scenario, named as in its URL ({@code /activate}). */
public enum ScenarioAction {

	ACTIVATE, PAUSE, RESUME, ARCHIVE;

	/** The lower-case name used in paths and audit entries. */
	public String path() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
