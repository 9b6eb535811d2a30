package io.mawasu.crm.analytics;

/**
 * The caller may not do this to the cycle or card (an HTTP 403), for example delete
 * someone else's card without being a MANAGER or ADMIN.
 */
public class NotAllowed extends RuntimeException {

	public NotAllowed(String message) {
		super(message);
	}

}
