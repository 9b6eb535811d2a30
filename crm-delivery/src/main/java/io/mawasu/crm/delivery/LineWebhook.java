package io.mawasu.crm.delivery;

import java.util.Optional;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.consent.Consents;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The LINE Messaging API webhook: a request is genuine when {@code X-Line-Signature} is
 * the Base64 HMAC-SHA256 of the raw body under the channel secret
 * ({@code crm.delivery.line.channel-secret}). {@code unfollow} (the user blocked the
 * account) is a LINE opt-out, {@code follow} an opt-in, for the customer with that LINE
 * user id, at the event's time; events of unknown users and other types are ignored.
 */
@Service
public class LineWebhook {

	static final String SOURCE = "LINE_WEBHOOK";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DeliveryProperties properties;

	private final Consents consents;

	LineWebhook(DeliveryProperties properties, Consents consents) {
		this.properties = properties;
		this.consents = consents;
	}

	/**
	 * Verifies and applies a webhook request; returns how many consent changes were
	 * applied.
	 * @throws InvalidSignature when the signature is missing or wrong
	 * @throws IllegalArgumentException when a genuine body is not LINE's JSON
	 */
	@Transactional
	public int handle(byte[] body, @Nullable String signature) {
		Signatures.verify("HmacSHA256", this.properties.line().channelSecret(), "crm.delivery.line.channel-secret",
				body, signature);
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The webhook body is not JSON: " + ex.getOriginalMessage());
		}
		int applied = 0;
		for (JsonNode event : root.path("events")) {
			String type = event.path("type").asString("");
			ConsentStatus status = switch (type) {
				case "follow" -> ConsentStatus.OPT_IN;
				case "unfollow" -> ConsentStatus.OPT_OUT;
				default -> null;
			};
			String userId = event.path("source").path("userId").asString("");
			if (status == null || userId.isBlank()) {
				continue;
			}
			// Dated now, not by the event's timestamp: a follow or unfollow applies when
			// it
			// arrives, whatever the stored row's date.
			Optional<Long> customer = this.consents.customerByLineUserId(userId);
			if (customer.isPresent() && this.consents.changeNow(customer.get(), Channel.LINE, status, SOURCE, null)) {
				applied++;
			}
		}
		return applied;
	}

}
