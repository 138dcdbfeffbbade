package io.seestack.internal.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.seestack.Feature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The spool's bounds: bytes (the less valuable go first) and age, every file let go of counted. */
class SpoolLimitsTests {

	private static final byte[] KILOBYTE = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);

	@TempDir
	Path directory;

	private final List<String> evicted = new ArrayList<>();

	@Test
	void atItsByteLimitLetsGoOfLogsAndHttpItemsBeforeErrorsAndHeartbeatsOldestFirst() {
		try (Spool spool = open(4_500, Duration.ofHours(1), Clock.systemUTC())) {
			spool.store(Feature.ERRORS, 1, KILOBYTE);
			spool.store(Feature.LOGS, 1, KILOBYTE);
			spool.store(Feature.HTTP_REQUESTS, 100, KILOBYTE);
			spool.store(Feature.HEARTBEATS, 1, KILOBYTE);
			assertThat(this.evicted).isEmpty();

			spool.store(Feature.ERRORS, 1, KILOBYTE);
			spool.store(Feature.ERRORS, 1, KILOBYTE);

			assertThat(this.evicted).containsExactly("LOGS SPOOL_FULL 1", "HTTP_REQUESTS SPOOL_FULL 100");
			assertThat(spool.bytes()).isLessThanOrEqualTo(4_500);
			spool.store(Feature.ERRORS, 1, KILOBYTE);
			assertThat(this.evicted).last().isEqualTo("ERRORS SPOOL_FULL 1");
			assertThat(features(spool)).containsExactly(Feature.HEARTBEATS, Feature.ERRORS, Feature.ERRORS,
					Feature.ERRORS);
		}
	}

	@Test
	void letsGoOfWhatIsOlderThanItsAgeLimit() {
		MutableClock clock = new MutableClock();
		try (Spool spool = open(1_000_000, Duration.ofHours(24), clock)) {
			spool.store(Feature.ERRORS, 1, KILOBYTE);
			clock.advance(Duration.ofHours(23));
			spool.store(Feature.LOGS, 1, KILOBYTE);
			clock.advance(Duration.ofHours(2));

			assertThat(spool.oldest().feature()).isEqualTo(Feature.LOGS);
			assertThat(this.evicted).containsExactly("ERRORS EXPIRED 1");
		}
	}

	@Test
	void whatItKeepsOutlivesTheProcessAndComesBackWhole() {
		try (Spool spool = open(1_000_000, Duration.ofHours(1), Clock.systemUTC())) {
			spool.store(Feature.HTTP_REQUESTS, 42, KILOBYTE);
		}
		try (Spool reopened = open(1_000_000, Duration.ofHours(1), Clock.systemUTC())) {
			Spool.Entry entry = reopened.oldest();
			assertThat(entry.feature()).isEqualTo(Feature.HTTP_REQUESTS);
			assertThat(entry.items()).isEqualTo(42);
			assertThat(entry.body()).isEqualTo(KILOBYTE);
			reopened.remove(entry);
			assertThat(reopened.size()).isZero();
		}
	}

	private Spool open(long maxBytes, Duration maxAge, Clock clock) {
		Spool spool = Spool.open(this.directory, maxBytes, maxAge,
				(feature, reason, items) -> this.evicted.add(feature + " " + reason + " " + items), clock);
		assertThat(spool).isNotNull();
		return spool;
	}

	private static List<Feature> features(Spool spool) {
		List<Feature> features = new ArrayList<>();
		Spool.Entry entry;
		while ((entry = spool.oldest()) != null) {
			features.add(entry.feature());
			spool.remove(entry);
		}
		return features;
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
