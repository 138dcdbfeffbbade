package io.seestack.spring.autoconfigure.signin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A login's stand-in: {@code anon_} and 32 hex digits of its HMAC-SHA256 under a key derived from the salt. The same
 * login gives the same value wherever the salt is the same (every instance of a deployment), and a list of
 * candidate logins cannot be hashed to find it without the salt.
 */
final class LoginAnonymizer {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	LoginAnonymizer(String salt) {
		try {
			byte[] derived = MessageDigest.getInstance("SHA-256")
				.digest(("seestack sign-in login\0" + salt).getBytes(StandardCharsets.UTF_8));
			this.key = new SecretKeySpec(derived, ALGORITHM);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	String anonymize(String login) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			byte[] hash = mac.doFinal(login.getBytes(StandardCharsets.UTF_8));
			return "anon_" + HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is missing from this JVM", ex);
		}
	}

}
