package io.mawasu.crm.domain.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about one customer for its page and the customer API. Email and phone
 * are in clear; the caller masks them for users who must not see PII.
 *
 * @param consents the current consent per channel; a channel without a consent row is
 * absent
 * @param consentHistory every recorded consent change, newest first
 * @param orderCount orders in the purchase summary, 0 when the customer never ordered
 * @param totalSpent total of the customer's orders, 0 when the customer never ordered
 * @param lastOrderedAt the latest order's time, {@code null} when the customer never
 * ordered
 * @param latestOrders the newest orders, at most {@link CustomerQueries#LATEST_ORDERS}
 */
public record CustomerDetail(String externalId, @Nullable String name, @Nullable String email, @Nullable String phone,
		@Nullable String lineUserId, @Nullable Gender gender, @Nullable LocalDate birthDate,
		@Nullable String prefecture, @Nullable String city, List<String> tags, @Nullable Instant registeredAt,
		boolean blacklisted, Map<Channel, ConsentStatus> consents, List<ConsentChange> consentHistory, long orderCount,
		BigDecimal totalSpent, @Nullable Instant lastOrderedAt, List<CustomerOrder> latestOrders) {

	/**
	 * One change of a customer's consent on a channel.
	 *
	 * @param changedAt when the customer changed it (as the source reports)
	 * @param source where the change came from (an import, an unsubscribe link, a user)
	 * @param actor the user or system that recorded it, if known
	 */
	public record ConsentChange(Channel channel, ConsentStatus status, Instant changedAt, String source,
			@Nullable String actor) {

	}

	/** One of the customer's orders. */
	public record CustomerOrder(String externalId, Instant orderedAt, BigDecimal amount, String currency,
			@Nullable String category, @Nullable String brand, @Nullable Integer quantity) {

	}

}
