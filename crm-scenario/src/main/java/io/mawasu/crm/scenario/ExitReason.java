package io.mawasu.crm.scenario;

/** Why an enrolment left its scenario. */
public enum ExitReason {

	GOAL, COMPLETED, FREQUENCY_CAP, NO_RESPONSE, OPTED_OUT, BLACKLISTED, PRIORITY, PAUSED, ARCHIVED

}
