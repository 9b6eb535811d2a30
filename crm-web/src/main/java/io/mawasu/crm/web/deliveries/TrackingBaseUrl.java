package io.mawasu.crm.web.deliveries;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import io.mawasu.crm.delivery.TrackingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether {@code crm.tracking.base-url} points at this machine (localhost, 127.0.0.0/8,
 * ::1, 0.0.0.0): then the open pixels, click links and unsubscribe links in real messages
 * lead nowhere for recipients. Warned about once at startup and on the Deliveries page.
 * Only literal addresses and {@code localhost} are checked: no name is resolved, so the
 * check needs no network.
 */
@Component
class TrackingBaseUrl {

	private static final Logger log = LoggerFactory.getLogger(TrackingBaseUrl.class);

	private final TrackingProperties tracking;

	TrackingBaseUrl(TrackingProperties tracking) {
		this.tracking = tracking;
	}

	String value() {
		return this.tracking.baseUrl();
	}

	boolean loopback() {
		return isLoopback(this.tracking.baseUrl());
	}

	static boolean isLoopback(String url) {
		String host;
		try {
			host = URI.create(url.strip()).getHost();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (host == null) {
			return false;
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.equals("localhost") || host.endsWith(".localhost")) {
			return true;
		}
		String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (!literal.matches("[0-9.]+|[0-9a-f:]+")) {
			return false;
		}
		try {
			InetAddress address = InetAddress.getByName(literal);
			return address.isLoopbackAddress() || address.isAnyLocalAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnAtStartup() {
		if (loopback()) {
			log.warn("crm.tracking.base-url is {}, a loopback address: open pixels, click links and unsubscribe "
					+ "links in sent messages will not reach this server. Set CRM_TRACKING_BASE_URL to the public "
					+ "URL of this application.", this.tracking.baseUrl());
		}
	}

}
