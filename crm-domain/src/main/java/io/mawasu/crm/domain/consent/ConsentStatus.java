package io.mawasu.crm.domain.consent;

/**
 * Whether a customer agreed to be messaged on a channel. No consent row at all means not
 * reachable.
 */
public enum ConsentStatus {

	OPT_IN, OPT_OUT

}
