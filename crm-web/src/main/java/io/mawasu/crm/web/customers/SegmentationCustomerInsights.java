package io.mawasu.crm.web.customers;

import java.util.List;

import io.mawasu.crm.domain.customer.Customer;
import io.mawasu.crm.domain.customer.CustomerRepository;
import io.mawasu.crm.segmentation.RfmRuns;
import io.mawasu.crm.segmentation.Segments;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A customer's RFM score from the latest run and the segments whose latest snapshot holds
 * them.
 */
@Component
class SegmentationCustomerInsights implements CustomerInsights {

	private final RfmRuns rfmRuns;

	private final Segments segments;

	private final CustomerRepository customers;

	SegmentationCustomerInsights(RfmRuns rfmRuns, Segments segments, CustomerRepository customers) {
		this.rfmRuns = rfmRuns;
		this.segments = segments;
		this.customers = customers;
	}

	@Override
	public @Nullable Rfm rfm(String externalId) {
		return this.rfmRuns.scoreOf(externalId)
			.map((s) -> new Rfm(s.recencyDays(), s.frequency(), s.monetary(), s.r(), s.f(), s.m(), s.segment()))
			.orElse(null);
	}

	@Override
	public List<SegmentMembership> segments(String externalId) {
		return this.customers.findByExternalId(externalId)
			.map(Customer::getId)
			.map((id) -> this.segments.segmentsOf(id)
				.stream()
				.map((segment) -> new SegmentMembership(segment.id(), segment.name()))
				.toList())
			.orElse(List.of());
	}

}
