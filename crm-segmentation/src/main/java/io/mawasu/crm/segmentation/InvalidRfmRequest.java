package io.mawasu.crm.segmentation;

/**
 * An RFM run request that cannot be carried out as given; the message names the field and
 * says what is expected.
 */
public class InvalidRfmRequest extends IllegalArgumentException {

	public InvalidRfmRequest(String message) {
		super(message);
	}

}
