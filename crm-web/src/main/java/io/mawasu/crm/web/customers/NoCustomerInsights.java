package io.mawasu.crm.web.customers;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Insights while no analysis module provides them: no RFM score, no segments.
 */
@Component
class NoCustomerInsights implements CustomerInsights {

	@Override
	public @Nullable Rfm rfm(String externalId) {
		return null;
	}

	@Override
	public List<SegmentMembership> segments(String externalId) {
		return List.of();
	}

}
