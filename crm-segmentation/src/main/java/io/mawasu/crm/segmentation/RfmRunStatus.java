package io.mawasu.crm.segmentation;

/**
 * Where an RFM run stands.
 */
public enum RfmRunStatus {

	RUNNING, DONE, FAILED

}
