package io.mawasu.crm.domain.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One line of the customer list: the customer's contact attributes and purchase summary.
 * Email and phone are in clear; the caller masks them for users who must not see PII.
 */
public record CustomerRow(String externalId, @Nullable String name, @Nullable String email, @Nullable String phone,
		@Nullable String prefecture, @Nullable Gender gender, List<String> tags, long orderCount, BigDecimal totalSpent,
		@Nullable Instant lastOrderedAt) {

}
