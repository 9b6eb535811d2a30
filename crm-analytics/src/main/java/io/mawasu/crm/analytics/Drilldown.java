package io.mawasu.crm.analytics;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The lift of a scenario per value of one dimension, with Benjamini–Hochberg adjusted
 * p-values over the rows ({@code qValue}, monotone, capped at 1; {@code significant} =
 * qValue ≤ {@code fdr}). Rows where a group is empty have no lift and no qValue.
 */
public record Drilldown(String by, String method, double fdr, List<Row> rows) {

	public record Row(@Nullable String value, Group treatment, Group control, Lift lift, @Nullable Double qValue,
			boolean significant) {
	}

	public record Group(long size, long conversions, @Nullable Double cvr) {
	}

	public record Lift(@Nullable Double absolute, double @Nullable [] ci95, @Nullable Double pValue) {
	}

	/** The dimensions, by their API names. */
	public enum Dimension {

		PREFECTURE("prefecture"), GENDER("gender"), AGE_BAND("ageBand"), RFM_SEGMENT("rfmSegment"), CHANNEL("channel");

		private final String apiName;

		Dimension(String apiName) {
			this.apiName = apiName;
		}

		public String apiName() {
			return this.apiName;
		}

		/**
		 * The dimension with this API name; {@link InvalidAnalyticsRequest} otherwise.
		 */
		public static Dimension of(String name) {
			for (Dimension d : values()) {
				if (d.apiName.equals(name)) {
					return d;
				}
			}
			throw new InvalidAnalyticsRequest("by",
					"must be one of prefecture, gender, ageBand, rfmSegment, channel; got '" + name + "'");
		}

	}

}
