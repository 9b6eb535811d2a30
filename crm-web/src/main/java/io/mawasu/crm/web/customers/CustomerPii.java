package io.mawasu.crm.web.customers;

import io.mawasu.crm.domain.customer.CustomerDetail;
import io.mawasu.crm.domain.customer.CustomerRow;
import io.mawasu.crm.web.security.PiiMasking;

/**
 * Customer records as the current user may see them: email and phone masked unless the
 * user's role may see PII.
 */
final class CustomerPii {

	private CustomerPii() {
	}

	static CustomerRow forCurrentUser(CustomerRow row) {
		if (PiiMasking.currentUserSeesPii()) {
			return row;
		}
		return new CustomerRow(row.externalId(), row.name(), PiiMasking.email(row.email()),
				PiiMasking.phone(row.phone()), row.prefecture(), row.gender(), row.tags(), row.orderCount(),
				row.totalSpent(), row.lastOrderedAt());
	}

	static CustomerDetail forCurrentUser(CustomerDetail c) {
		if (PiiMasking.currentUserSeesPii()) {
			return c;
		}
		return new CustomerDetail(c.externalId(), c.name(), PiiMasking.email(c.email()), PiiMasking.phone(c.phone()),
				c.lineUserId(), c.gender(), c.birthDate(), c.prefecture(), c.city(), c.tags(), c.registeredAt(),
				c.blacklisted(), c.consents(), c.consentHistory(), c.orderCount(), c.totalSpent(), c.lastOrderedAt(),
				c.latestOrders());
	}

}
