package io.mawasu.crm.segmentation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a Pareto / ABC analysis ranks: customers (by external id), order categories or
 * order brands.
 */
public enum ParetoBy {

	CUSTOMER, CATEGORY, BRAND;

	/** The lower-case name used in URLs and files. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads {@code customer}, {@code category} or {@code brand} in any case.
	 * @throws IllegalArgumentException naming the allowed values for anything else
	 */
	public static ParetoBy of(String value) {
		for (ParetoBy by : values()) {
			if (by.name().equalsIgnoreCase(value.strip())) {
				return by;
			}
		}
		throw new IllegalArgumentException("Unknown value '" + value + "' for 'by': use one of "
				+ Arrays.stream(values()).map(ParetoBy::key).collect(Collectors.joining(", ")));
	}

}
