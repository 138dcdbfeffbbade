package io.seestack.spring.autoconfigure.signin;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.seestack.spring.autoconfigure.signin.FailureWindows.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The brute-force windows on a clock of their own: the threshold, one alert per window, expiry, bounded keys. */
class FailureWindowsTests {

	private final AtomicLong now = new AtomicLong();

	private final FailureWindows windows = new FailureWindows(3, Duration.ofSeconds(60), 2, this.now::get);

	@Test
	void alertsOnceWhenAKeyCrossesTheThresholdWithinTheWindowThenStaysQuietForTheWindow() {
		assertThat(record("10.0.0.1", 0)).isEqualTo(Verdict.UNDER);
		assertThat(record("10.0.0.1", 1)).isEqualTo(Verdict.UNDER);
		assertThat(record("10.0.0.1", 2)).isEqualTo(Verdict.ALERT);
		assertThat(record("10.0.0.1", 3)).isEqualTo(Verdict.OVER);
		assertThat(record("10.0.0.1", 59)).isEqualTo(Verdict.OVER);
		assertThat(record("10.0.0.1", 63)).as("a new window of the same attack").isEqualTo(Verdict.ALERT);
	}

	@Test
	void failuresSpreadWiderThanTheWindowNeverCrossIt() {
		assertThat(record("ada", 0)).isEqualTo(Verdict.UNDER);
		assertThat(record("ada", 40)).isEqualTo(Verdict.UNDER);
		assertThat(record("ada", 80)).isEqualTo(Verdict.UNDER);
		assertThat(record("ada", 130)).isEqualTo(Verdict.UNDER);
	}

	@Test
	void keepsAtMostItsNumberOfKeysForgettingTheLeastRecentlyFailed() {
		record("a", 0);
		record("b", 1);
		record("b", 2);
		record("a", 3);
		record("c", 4);

		assertThat(this.windows.size()).isEqualTo(2);
		assertThat(record("a", 5)).as("a was kept, with its two failures").isEqualTo(Verdict.ALERT);
		assertThat(record("b", 6)).as("b was forgotten, so its two failures are too").isEqualTo(Verdict.UNDER);
	}

	private Verdict record(String key, long seconds) {
		this.now.set(Duration.ofSeconds(seconds).toNanos());
		return this.windows.record(key);
	}

}
