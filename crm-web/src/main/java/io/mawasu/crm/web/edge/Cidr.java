package io.mawasu.crm.web.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 block in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a
 * bare address is a block of one. Parsed without DNS: only literal addresses are
 * accepted.
 */
record Cidr(byte[] network, int prefix) {

	static Cidr parse(String text) {
		String value = text.strip();
		int slash = value.indexOf('/');
		String address = (slash < 0) ? value : value.substring(0, slash);
		byte[] bytes = literal(address);
		if (bytes == null) {
			throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address or CIDR block");
		}
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(value.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits);
			}
		}
		return new Cidr(bytes, prefix);
	}

	boolean contains(@Nullable String address) {
		byte[] bytes = (address != null) ? literal(address) : null;
		if (bytes == null || bytes.length != this.network.length) {
			return false;
		}
		int full = this.prefix / 8;
		for (int i = 0; i < full; i++) {
			if (bytes[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (bytes[full] & mask) == (this.network[full] & mask);
	}

	/**
	 * The bytes of a literal address (an IPv4-mapped IPv6 address counts as IPv4), or
	 * null for anything else; never resolves a host name.
	 */
	static byte @Nullable [] literal(String address) {
		String value = address.strip();
		if (value.startsWith("[") && value.endsWith("]")) {
			value = value.substring(1, value.length() - 1);
		}
		int zone = value.indexOf('%');
		if (zone >= 0) {
			value = value.substring(0, zone);
		}
		if (value.isEmpty() || !(value.indexOf(':') >= 0 || isDottedQuad(value))) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
				return null;
			}
		}
		try {
			return InetAddress.getByName(value).getAddress();
		}
		catch (UnknownHostException | SecurityException ex) {
			return null;
		}
	}

	private static boolean isDottedQuad(String value) {
		String[] parts = value.split("\\.", -1);
		if (parts.length != 4) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3) {
				return false;
			}
			for (int i = 0; i < part.length(); i++) {
				if (!Character.isDigit(part.charAt(i))) {
					return false;
				}
			}
			if (Integer.parseInt(part) > 255) {
				return false;
			}
		}
		return true;
	}

}
