package io.mawasu.crm.delivery;

import java.util.List;

import io.mawasu.crm.domain.consent.Channel;
import org.jspecify.annotations.Nullable;

/**
 * A content variant rendered for one customer. {@code html} and {@code subject} are for
 * EMAIL only; {@code text} is the plain text (email text part, the SMS); {@code messages}
 * are the LINE texts. {@code links} are the URLs found in the content, in order: a click
 * token refers to a link by its index, so redirects go only to these.
 */
public record RenderedMessage(Channel channel, @Nullable String subject, @Nullable String html, String text,
		List<String> messages, List<String> links) {

}
