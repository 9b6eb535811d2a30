package io.mawasu.crm.web.customers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mawasu.crm.domain.consent.Channel;
import io.mawasu.crm.domain.consent.ConsentStatus;
import io.mawasu.crm.domain.customer.CustomerDetail;
import io.mawasu.crm.domain.customer.Gender;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A customer as {@code GET /api/customers/{externalId}} returns it (DESIGN.md §4).
 */
@Schema(name = "Customer")
record CustomerResponse(String externalId, @Nullable String name,
		@Schema(description = "Masked (t***@example.com) for roles that must not see PII") @Nullable String email,
		@Schema(description = "Masked (090-****-5678) for roles that must not see PII") @Nullable String phone,
		@Nullable String lineUserId, @Schema(allowableValues = {
				"F", "M", "O" }) @Nullable Gender gender,
		@Nullable LocalDate birthDate, @Nullable String prefecture, @Nullable String city, List<String> tags,
		@Schema(description = "ISO-8601 with the offset of the shop's time zone",
				example = "2024-01-02T10:00:00+09:00") @Nullable OffsetDateTime registeredAt,
		boolean blacklisted,
		@Schema(description = "Current consent per channel; a channel without consent is absent",
				example = "{\"EMAIL\":\"OPT_IN\",\"LINE\":\"OPT_OUT\"}") Map<Channel, ConsentStatus> consents,
		long orderCount, BigDecimal totalSpent,
		@Schema(description = "ISO-8601 with the offset of the shop's time zone; null when the customer never ordered",
				example = "2026-10-01T12:00:00+09:00") @Nullable OffsetDateTime lastOrderedAt,
		@Schema(description = "The score in the latest RFM run, null when the customer has none") CustomerInsights.@Nullable Rfm rfm,
		List<CustomerInsights.SegmentMembership> segments){

	static CustomerResponse of(CustomerDetail c, ZoneId zone, CustomerInsights.@Nullable Rfm rfm,
			List<CustomerInsights.SegmentMembership> segments) {
		return new CustomerResponse(c.externalId(), c.name(), c.email(), c.phone(), c.lineUserId(), c.gender(),
				c.birthDate(), c.prefecture(), c.city(), c.tags(), at(c.registeredAt(), zone), c.blacklisted(),
				c.consents(), c.orderCount(), c.totalSpent(), at(c.lastOrderedAt(), zone), rfm, segments);
	}

	private static @Nullable OffsetDateTime at(@Nullable Instant instant, ZoneId zone) {
		return (instant != null) ? instant.atZone(zone).toOffsetDateTime() : null;
	}

}
