package io.mawasu.crm.web.customers;

import io.mawasu.crm.domain.customer.CustomerSearch;
import io.mawasu.crm.domain.customer.Gender;
import io.mawasu.crm.web.security.PiiMasking;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The filters of the customer list as they arrive in the query string. An unknown gender
 * is ignored rather than refused, so an edited URL still shows a list.
 */
record CustomerSearchForm(@Nullable String q, @Nullable String prefecture, @Nullable String gender,
		@Nullable String tag, @Nullable Integer page) {

	/** The longest search text, prefecture or tag. */
	static final int MAX_LENGTH = 200;

	/** The search; email addresses are searched only for a user who sees them. */
	CustomerSearch toSearch() {
		for (String value : new String[] { this.q, this.prefecture, this.tag, this.gender }) {
			if (value != null && value.length() > MAX_LENGTH) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A search value has " + value.length()
						+ " characters; at most " + MAX_LENGTH + " are allowed.");
			}
		}
		return new CustomerSearch(this.q, this.prefecture, parsedGender(), this.tag, PiiMasking.currentUserSeesPii());
	}

	int pageNumber() {
		return (this.page != null) ? Math.max(0, this.page) : 0;
	}

	@Nullable Gender parsedGender() {
		if (this.gender == null) {
			return null;
		}
		for (Gender candidate : Gender.values()) {
			if (candidate.name().equalsIgnoreCase(this.gender.strip())) {
				return candidate;
			}
		}
		return null;
	}

	/** The list URL with the same filters on another page. */
	String pageUrl(int pageNumber) {
		CustomerSearch search = toSearch();
		UriComponentsBuilder url = UriComponentsBuilder.fromPath(CustomerController.PATH);
		if (search.query() != null) {
			url.queryParam("q", search.query());
		}
		if (search.prefecture() != null) {
			url.queryParam("prefecture", search.prefecture());
		}
		if (search.gender() != null) {
			url.queryParam("gender", search.gender().name());
		}
		if (search.tag() != null) {
			url.queryParam("tag", search.tag());
		}
		if (pageNumber > 0) {
			url.queryParam("page", pageNumber);
		}
		return url.encode().build().toUriString();
	}

}
