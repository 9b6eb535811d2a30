package io.mawasu.crm.segmentation;

/**
 * One scored customer of a run, as exported.
 *
 * @param externalId the customer's external id
 * @param score the customer's values and scores
 */
public record RfmScoreLine(String externalId, RfmScore score) {

}
