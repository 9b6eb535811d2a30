package io.mawasu.crm.segmentation;

/** A CLV fit request that cannot be carried out; the message names the field. */
public class InvalidClvRequest extends RuntimeException {

	public InvalidClvRequest(String message) {
		super(message);
	}

}
