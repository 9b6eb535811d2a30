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
 * @param contacts whether the query also searches email addresses; false for a user who
 * sees them masked, so that a full address cannot find its customer
 */
public record CustomerSearch(@Nullable String query, @Nullable String prefecture, @Nullable Gender gender,
		@Nullable String tag, boolean contacts) {

	public CustomerSearch {
		query = trimToNull(query);
		prefecture = trimToNull(prefecture);
		tag = trimToNull(tag);
	}

	/** A search of every field, email addresses included. */
	public CustomerSearch(@Nullable String query, @Nullable String prefecture, @Nullable Gender gender,
			@Nullable String tag) {
		this(query, prefecture, gender, tag, true);
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
