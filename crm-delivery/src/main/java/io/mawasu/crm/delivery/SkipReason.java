package io.mawasu.crm.delivery;

/**
 * Why a message is not sent to a customer on a channel, recorded with the skip.
 */
public enum SkipReason {

	/** No OPT_IN for the channel, or the latest consent is an OPT_OUT. */
	NO_CONSENT,

	/** The customer is blacklisted. */
	BLACKLISTED,

	/** The customer has no email, LINE user id or phone for the channel. */
	NO_ADDRESS,

	/** The address is on the suppression list (bounce, complaint, manual block). */
	SUPPRESSED,

	/** The customer already had the most messages the frequency cap allows. */
	FREQUENCY_CAP

}
