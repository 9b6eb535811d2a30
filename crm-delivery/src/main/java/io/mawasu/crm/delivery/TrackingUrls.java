package io.mawasu.crm.delivery;

import io.mawasu.crm.delivery.TrackingTokens.Kind;
import io.mawasu.crm.delivery.TrackingTokens.Target;

import org.springframework.stereotype.Component;

/**
 * The public URLs of a message's tracking links under {@code crm.tracking.base-url}: the
 * open pixel {@code /t/o/{token}}, click redirects {@code /t/c/{token}} (one per link of
 * the content, by index) and the unsubscribe page {@code /u/{token}}.
 */
@Component
class TrackingUrls {

	private final TrackingTokens tokens;

	private final String base;

	TrackingUrls(TrackingTokens tokens, TrackingProperties properties) {
		this.tokens = tokens;
		this.base = properties.baseUrl().replaceAll("/+$", "");
	}

	String open(long messageId) {
		return this.base + "/t/o/" + this.tokens.sign(new Target(Kind.OPEN, messageId, 0));
	}

	String click(long messageId, int link) {
		return this.base + "/t/c/" + this.tokens.sign(new Target(Kind.CLICK, messageId, link));
	}

	String unsubscribe(long messageId) {
		return this.base + "/u/" + this.tokens.sign(new Target(Kind.UNSUBSCRIBE, messageId, 0));
	}

}
