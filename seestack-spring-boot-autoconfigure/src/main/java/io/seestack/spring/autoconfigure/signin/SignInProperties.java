package io.seestack.spring.autoconfigure.signin;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of sign-in tracking, under {@code seestack.security.sign-ins.*}.
 */
@ConfigurationProperties("seestack.security.sign-ins")
public class SignInProperties {

	/**
	 * How sign-ins are tracked: 'anonymize' sends each sign-in and failed sign-in with a salted hash of the login
	 * typed, 'identify' with the login as typed, 'off' tracks nothing.
	 */
	private Mode mode = Mode.ANONYMIZE;

	/**
	 * Secret mixed into the hash of a login in 'anonymize' mode, so that the hash cannot be reversed by hashing
	 * candidate logins. Defaults to one derived from the API key, so that a login has the same hash on every instance
	 * of the deployment. Never sent or logged.
	 */
	private @Nullable String salt;

	private final BruteForce bruteForce = new BruteForce();

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public @Nullable String getSalt() {
		return this.salt;
	}

	public void setSalt(@Nullable String salt) {
		this.salt = salt;
	}

	public BruteForce getBruteForce() {
		return this.bruteForce;
	}

	/**
	 * How sign-ins are tracked.
	 */
	public enum Mode {

		/**
		 * Each sign-in is sent with the login as typed.
		 */
		IDENTIFY,

		/**
		 * Each sign-in is sent with a salted hash of the login typed, the same for the same login across the
		 * deployment.
		 */
		ANONYMIZE,

		/**
		 * Sign-ins are not tracked: no event and no meter.
		 */
		OFF

	}

	/**
	 * Detection of repeated failed sign-ins.
	 */
	public static class BruteForce {

		/**
		 * Number of failed sign-ins from one client IP, or for one login, within the window at which one 'possible
		 * brute force' event is sent instead of one event per failure, once per window while it lasts.
		 */
		private int threshold = 10;

		/**
		 * Sliding window over which failed sign-ins are counted.
		 */
		private Duration window = Duration.ofMinutes(1);

		public int getThreshold() {
			return this.threshold;
		}

		public void setThreshold(int threshold) {
			this.threshold = threshold;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

	}

}
