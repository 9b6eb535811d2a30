package io.mawasu.crm.delivery;

/**
 * A webhook request whose provider signature is missing or wrong (or whose signing key is
 * not configured); nothing of it was applied.
 */
public class InvalidSignature extends RuntimeException {

	public InvalidSignature(String message) {
		super(message);
	}

}
