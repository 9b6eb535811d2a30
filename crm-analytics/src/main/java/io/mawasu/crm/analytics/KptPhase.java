package io.mawasu.crm.analytics;

/**
 * The facilitator's phases of a retrospective. They guide the page; the API takes cards,
 * moves and votes in every phase while the board is open.
 */
public enum KptPhase {

	/** Everyone writes cards (hidden from the others until reveal when silent). */
	WRITING,
	/** Cards are dropped onto each other to form titled groups. */
	GROUPING,
	/** Everyone spends their votes (a limit per person, one per card). */
	VOTING,
	/** Cards in vote order with a timer; TRY cards get an owner and a due date. */
	DISCUSSION

}
