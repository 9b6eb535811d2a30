package io.mawasu.crm.segmentation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rule of the two-axis customer journey (issue 11), as of a day D in the shop's zone.
 * <p>
 * Across, the stage (never goes back): purchases are orders with a positive amount (as
 * {@code frequency} and the F2 analysis count them) dated before the end of D; 0 is
 * {@link JourneyStage#REGISTERED}, 1 {@link JourneyStage#FIRST}, 2 up to
 * {@code regularPurchases − 1} {@link JourneyStage#REPEAT}, from {@code regularPurchases}
 * on {@link JourneyStage#REGULAR}.
 * <p>
 * Up, the affinity level 1–4 (rises and falls): {@code 1 + R + E}, where R is 2 when the
 * last purchase is at most {@code recentDays} calendar days before D, 1 when at most
 * {@code lapsingDays}, else 0 (also without a purchase), and E is 1 when the customer
 * opened or clicked a message on any channel at most {@code engagementDays} calendar days
 * before D (fixed day bands, not an RFM run's R score, so any day can be evaluated).
 * <p>
 * A customer is on the map from the registration date, or without one from the first
 * order, or without either from when the record was added.
 *
 * @param regularPurchases purchases from which a customer is a regular (3–20)
 * @param recentDays a last purchase at most this many days before D raises affinity by 2
 * @param lapsingDays a last purchase at most this many days before D (and more than
 * {@code recentDays}) raises it by 1
 * @param engagementDays an open or click at most this many days before D raises it by 1
 */
@ConfigurationProperties("crm.journey")
public record JourneyProperties(@DefaultValue("4") int regularPurchases, @DefaultValue("30") int recentDays,
		@DefaultValue("180") int lapsingDays, @DefaultValue("90") int engagementDays) {

	/** The affinity levels, 1 (lowest) to this. */
	public static final int LEVELS = 4;

	/** The longest band in days (ten years). */
	public static final int MAX_DAYS = 3650;

	public JourneyProperties {
		if (regularPurchases < 3 || regularPurchases > 20) {
			throw new IllegalArgumentException(
					"crm.journey.regular-purchases must be from 3 to 20, got " + regularPurchases);
		}
		if (recentDays < 1 || lapsingDays <= recentDays || lapsingDays > MAX_DAYS) {
			throw new IllegalArgumentException("crm.journey.recent-days (" + recentDays + ") and lapsing-days ("
					+ lapsingDays + ") must satisfy 1 <= recent-days < lapsing-days <= " + MAX_DAYS);
		}
		if (engagementDays < 1 || engagementDays > MAX_DAYS) {
			throw new IllegalArgumentException(
					"crm.journey.engagement-days must be from 1 to " + MAX_DAYS + ", got " + engagementDays);
		}
	}

	/**
	 * The defaults: regular from 4 purchases, bands of 30 and 180 days, 90 days of
	 * engagement.
	 */
	public static JourneyProperties defaults() {
		return new JourneyProperties(4, 30, 180, 90);
	}

	/** The stage of a customer with this many purchases. */
	public JourneyStage stageOf(long purchases) {
		if (purchases <= 0) {
			return JourneyStage.REGISTERED;
		}
		if (purchases == 1) {
			return JourneyStage.FIRST;
		}
		return (purchases < this.regularPurchases) ? JourneyStage.REPEAT : JourneyStage.REGULAR;
	}

	/**
	 * The instants the rule compares with on day D: the end of D (exclusive), and the
	 * starts of the days that open the recency and engagement bands ("at most n days
	 * before D" is "at or after the start of day D − n", as {@code recencyDays} counts).
	 */
	public Bounds bounds(LocalDate day, ZoneId zone) {
		return new Bounds(startOf(day.plusDays(1), zone), startOf(day.minusDays(this.recentDays), zone),
				startOf(day.minusDays(this.lapsingDays), zone), startOf(day.minusDays(this.engagementDays), zone));
	}

	private static OffsetDateTime startOf(LocalDate day, ZoneId zone) {
		return day.atStartOfDay(zone).toOffsetDateTime();
	}

	/**
	 * The instants of one day's rule.
	 *
	 * @param end the start of the next day: facts before it count
	 * @param recentFrom a last purchase from here on is recent (R = 2)
	 * @param lapsingFrom from here on, lapsing (R = 1)
	 * @param engagedFrom an open or click from here on is engagement (E = 1)
	 */
	public record Bounds(OffsetDateTime end, OffsetDateTime recentFrom, OffsetDateTime lapsingFrom,
			OffsetDateTime engagedFrom) {

	}

}
