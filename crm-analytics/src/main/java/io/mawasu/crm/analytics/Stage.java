package io.mawasu.crm.analytics;

/**
 * Where a PDCA cycle stands, derived from what happened: PLAN until approved and a linked
 * scenario is live (DO), CHECK once someone reviewed the results, ACT once every linked
 * scenario has a decision, DONE once the next cycle started.
 */
public enum Stage {

	PLAN, DO, CHECK, ACT, DONE

}
