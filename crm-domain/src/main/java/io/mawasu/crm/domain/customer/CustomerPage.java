package io.mawasu.crm.domain.customer;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the customer list, newest customers first.
 *
 * @param rows the customers on this page, at most {@code size}
 * @param page the zero-based page number
 * @param size the page size asked for
 * @param hasNext whether another page follows
 * @param total the number of customers when the list is unfiltered, else {@code null};
 * exact for small tables, otherwise PostgreSQL's estimate (see {@code totalExact})
 * @param totalExact whether {@code total} is an exact count
 */
public record CustomerPage(List<CustomerRow> rows, int page, int size, boolean hasNext, @Nullable Long total,
		boolean totalExact) {

	public boolean hasPrevious() {
		return this.page > 0;
	}

}
