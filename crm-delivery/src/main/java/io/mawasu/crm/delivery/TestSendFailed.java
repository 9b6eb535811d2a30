package io.mawasu.crm.delivery;

/**
 * A test send the provider did not take (SMTP unreachable, LINE or SMS not configured or
 * refusing): the message names each address and the provider's answer.
 */
public class TestSendFailed extends RuntimeException {

	public TestSendFailed(String message) {
		super(message);
	}

}
