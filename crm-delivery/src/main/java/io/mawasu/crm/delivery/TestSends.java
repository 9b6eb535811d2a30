package io.mawasu.crm.delivery;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Test sends: every variant of a content, rendered for a sample customer, to the given
 * addresses only, with the subject (or first line) prefixed {@code [TEST]}.
 */
@Service
public class TestSends {

	/**
	 * Sends and returns how many messages went out; an address that does not fit the
	 * channel is an {@link IllegalArgumentException} naming it, and nothing is sent.
	 */
	public int send(long contentId, List<String> to, @Nullable Long sampleCustomerId) {
		throw new UnsupportedOperationException("contract only");
	}

}
