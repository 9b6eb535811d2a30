package io.mawasu.crm.delivery;

import java.util.Collection;
import java.util.Map;
import java.util.function.IntFunction;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Placeholder with the signatures of helper content's MessageRenderer; theirs replaces
 * it.
 */
@Service
public class MessageRenderer {

	public Map<Long, RenderedMessage> render(Content content, String variantKey, Collection<Long> customerIds) {
		throw new UnsupportedOperationException("contract only");
	}

	public Map<Long, String> addresses(Channel channel, Collection<Long> customerIds) {
		throw new UnsupportedOperationException("contract only");
	}

	public RenderedMessage track(RenderedMessage m, IntFunction<String> clickUrl, @Nullable String openPixelUrl,
			@Nullable String unsubscribeUrl) {
		throw new UnsupportedOperationException("contract only");
	}

}
