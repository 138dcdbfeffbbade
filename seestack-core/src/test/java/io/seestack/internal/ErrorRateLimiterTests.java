package io.seestack.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The limiter's corner: a new kind's first error once memory for users is spent and the all-kinds rate too. */
class ErrorRateLimiterTests {

	@Test
	void aNewKindsFirstErrorGetsThroughWhenNoUserCanBeTrackedAndTheAllKindsRateIsSpent() {
		ErrorRateLimiter limiter = new ErrorRateLimiter(1);
		int kinds = ErrorRateLimiter.MAX_TRACKED_USERS / ErrorRateLimiter.MAX_USERS_PER_KIND + 1;
		for (int kind = 0; kind < kinds; kind++) {
			IllegalStateException error = new IllegalStateException("kind " + letters(kind));
			for (int user = 0; user < ErrorRateLimiter.MAX_USERS_PER_KIND; user++) {
				limiter.tryAcquire(error, "user-" + kind + "-" + user);
			}
		}
		// Repeats of twenty kinds, each within its own rate (1 a second), spend the all-kinds rate (10 a second).
		for (int kind = 0; kind < 20; kind++) {
			limiter.tryAcquire(new IllegalStateException("kind " + letters(kind)), "user-" + kind + "-0");
		}
		assertThat(limiter.tryAcquire(new IllegalStateException("kind " + letters(30)), "user-30-0"))
			.as("a repeat its own kind's rate would allow: the all-kinds rate is spent")
			.isNull();

		assertThat(limiter.tryAcquire(new IllegalArgumentException("brand new"), "someone never seen")).isNotNull();
	}

	private static String letters(int number) {
		StringBuilder word = new StringBuilder();
		int n = number;
		do {
			word.append((char) ('a' + n % 26));
			n /= 26;
		}
		while (n > 0);
		return word.toString();
	}

}
