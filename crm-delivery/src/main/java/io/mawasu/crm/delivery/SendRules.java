package io.mawasu.crm.delivery;

import java.time.LocalTime;

import org.jspecify.annotations.Nullable;

/**
 * The rules a message is checked against at send time besides consent: a frequency cap
 * and quiet hours. Either may be absent.
 */
public record SendRules(@Nullable FrequencyCap frequencyCap, @Nullable QuietHours quietHours) {

	public static final SendRules NONE = new SendRules(null, null);

	/**
	 * At most {@code max} messages per customer in the last {@code days} days, counted
	 * across all scenarios and channels, or only on the message's channel when
	 * {@code perChannel}.
	 */
	public record FrequencyCap(int max, int days, boolean perChannel) {

		public FrequencyCap {
			if (max < 1 || days < 1) {
				throw new IllegalArgumentException("A frequency cap needs max ≥ 1 and days ≥ 1");
			}
		}

	}

	/**
	 * Local times in the shop's zone between which nothing is sent; {@code from} after
	 * {@code to} spans midnight (21:00–09:00).
	 */
	public record QuietHours(LocalTime from, LocalTime to) {

		public QuietHours {
			if (from.equals(to)) {
				throw new IllegalArgumentException("Quiet hours must not start and end at the same time");
			}
		}

		public boolean contains(LocalTime time) {
			return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to)
					: !time.isBefore(from) || time.isBefore(to);
		}

	}

}
