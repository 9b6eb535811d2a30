package io.mawasu.crm.domain.consent;

import java.util.List;

/**
 * A channel a customer can consent to. EMAIL, LINE and SMS are messaging channels, each
 * with its own address on the customer (email, LINE user id, phone). ADS is a consent
 * channel only: consent to have hashed identifiers uploaded to ad platforms (audience
 * exports); nothing is ever sent on it.
 */
public enum Channel {

	EMAIL, LINE, SMS, ADS;

	private static final List<Channel> MESSAGING = List.of(EMAIL, LINE, SMS);

	/** Whether messages are sent on this channel (every channel but ADS). */
	public boolean messaging() {
		return this != ADS;
	}

	/** The channels messages are sent on: EMAIL, LINE, SMS. */
	public static List<Channel> messagingChannels() {
		return MESSAGING;
	}

}
