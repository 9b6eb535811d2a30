package io.mawasu.crm.analytics;

/** Where a cycle has waited too long: the stage it is stuck between. */
public enum Stall {

	/** Approved, but no linked scenario has gone live. */
	PLAN_TO_DO,
	/** The first message went out, but nobody has reviewed the results. */
	DO_TO_CHECK,
	/** Reviewed, but the decision maker has not decided on every scenario. */
	CHECK_TO_ACT,
	/** Decided, but no next cycle was started. */
	ACT_TO_PLAN

}
