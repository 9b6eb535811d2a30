package io.mawasu.crm.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Signs and verifies the tokens in open pixels, click redirects and unsubscribe links, so
 * that nobody can forge, alter or enumerate them: a token is {@code payload.signature},
 * both base64url, the signature an HMAC-SHA256 of the payload under
 * {@code crm.tracking.secret}.
 */
@Service
public class TrackingTokens {

	private static final Logger log = LoggerFactory.getLogger(TrackingTokens.class);

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKeySpec key;

	TrackingTokens(TrackingProperties properties) {
		String secret = properties.secret();
		byte[] keyBytes;
		if (secret == null || secret.isBlank()) {
			keyBytes = new byte[32];
			new SecureRandom().nextBytes(keyBytes);
			log.warn("crm.tracking.secret (CRM_TRACKING_SECRET) is not set: tracking links are signed with a key "
					+ "made for this run and stop working after a restart");
		}
		else {
			keyBytes = secret.getBytes(StandardCharsets.UTF_8);
		}
		this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
	}

	/**
	 * What a token stands for: an open, a click on the content's link number
	 * {@code link}, or an unsubscribe.
	 */
	public record Target(Kind kind, long messageId, int link) {

	}

	public enum Kind {

		OPEN, CLICK, UNSUBSCRIBE

	}

	public String sign(Target target) {
		byte[] payload = (target.kind().name() + ":" + target.messageId() + ":" + target.link())
			.getBytes(StandardCharsets.US_ASCII);
		return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
	}

	/** The target of a genuine token; empty for anything forged, altered or malformed. */
	public Optional<Target> verify(String token) {
		int dot = token.indexOf('.');
		if (dot <= 0 || dot != token.lastIndexOf('.')) {
			return Optional.empty();
		}
		try {
			byte[] payload = DECODER.decode(token.substring(0, dot));
			byte[] signature = DECODER.decode(token.substring(dot + 1));
			if (!MessageDigest.isEqual(mac(payload), signature)) {
				return Optional.empty();
			}
			String[] parts = new String(payload, StandardCharsets.US_ASCII).split(":");
			if (parts.length != 3) {
				return Optional.empty();
			}
			return Optional
				.of(new Target(Kind.valueOf(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2])));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private byte[] mac(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
