package io.mawasu.crm.delivery;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/** Provider webhook signatures: Base64 of an HMAC, compared in constant time. */
final class Signatures {

	private Signatures() {
	}

	static void verify(String algorithm, @Nullable String key, String keyProperty, byte[] data,
			@Nullable String signature) {
		if (key == null || key.isBlank()) {
			throw new InvalidSignature(keyProperty + " is not set, so no webhook request can be verified");
		}
		if (signature == null || signature.isBlank()) {
			throw new InvalidSignature("The request has no signature");
		}
		byte[] given;
		try {
			given = Base64.getDecoder().decode(signature.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSignature("The signature is not Base64");
		}
		if (!MessageDigest.isEqual(hmac(algorithm, key, data), given)) {
			throw new InvalidSignature("The signature does not match the request");
		}
	}

	static byte[] hmac(String algorithm, String key, byte[] data) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), algorithm));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(algorithm + " is not available", ex);
		}
	}

}
