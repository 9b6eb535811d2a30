package io.mawasu.crm.analytics;

/** The decision maker's decision on a scenario of a cycle; STOP archives the scenario. */
public enum Decision {

	CONTINUE, IMPROVE, STOP

}
