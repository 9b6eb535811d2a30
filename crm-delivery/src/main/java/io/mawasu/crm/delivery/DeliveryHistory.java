package io.mawasu.crm.delivery;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

/**
 * What happened to messages, read set-based for the scenario engine (opens, clicks,
 * unanswered sends) and for pages (a customer's timeline, the Deliveries page).
 */
@Service
public class DeliveryHistory {

	/** Of {@code customerIds}, those who opened the message of that source and step. */
	public Set<Long> opened(String sourceType, long sourceId, String stepKey, Collection<Long> customerIds) {
		throw new UnsupportedOperationException("contract only");
	}

	/** Of {@code customerIds}, those who clicked a link of the message of that step. */
	public Set<Long> clicked(String sourceType, long sourceId, String stepKey, Collection<Long> customerIds) {
		throw new UnsupportedOperationException("contract only");
	}

	/**
	 * Per customer, the number of SENT messages of the source since the customer's latest
	 * open or click of any of them (customers with none are absent).
	 */
	public Map<Long, Integer> unansweredSends(String sourceType, long sourceId, Collection<Long> customerIds) {
		throw new UnsupportedOperationException("contract only");
	}

	/** A customer's messages and skips, newest first. */
	public List<TimelineEntry> timeline(long customerId, int limit) {
		throw new UnsupportedOperationException("contract only");
	}

}
