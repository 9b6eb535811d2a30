package io.mawasu.crm.domain.customer;

import org.jspecify.annotations.Nullable;

/**
 * What the customer list is filtered by. Every criterion is optional; blank text counts
 * as absent.
 *
 * @param query text contained in the name, email or external id (case-insensitive;
 * {@code %} and {@code _} match themselves)
 * @param prefecture exact prefecture
 * @param gender exact gender
 * @param tag a tag the customer carries
 */
public record CustomerSearch(@Nullable String query, @Nullable String prefecture, @Nullable Gender gender,
		@Nullable String tag) {

	public CustomerSearch {
		query = trimToNull(query);
		prefecture = trimToNull(prefecture);
		tag = trimToNull(tag);
	}

	/** No criteria: every customer. */
	public static CustomerSearch all() {
		return new CustomerSearch(null, null, null, null);
	}

	/** Whether any criterion narrows the list. */
	public boolean isFiltered() {
		return this.query != null || this.prefecture != null || this.gender != null || this.tag != null;
	}

	private static @Nullable String trimToNull(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}

}
