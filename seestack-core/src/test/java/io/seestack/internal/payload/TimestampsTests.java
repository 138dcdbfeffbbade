package io.seestack.internal.payload;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTests {

	@Test
	void formatsExactlyAsInstantTruncatedToMilliseconds() {
		List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochMilli(1),
				Instant.ofEpochMilli(999), Instant.ofEpochMilli(-1), Instant.ofEpochSecond(-1, 500_000_000),
				Instant.parse("2026-11-22T05:35:05.000999999Z"), Instant.parse("2026-11-22T05:35:05.010Z"),
				Instant.parse("2026-11-22T05:35:05.100Z"), Instant.parse("+10000-01-01T00:00:00.123Z"),
				Instant.parse("1999-12-31T23:59:59.999Z")));
		SplittableRandom random = new SplittableRandom(42);
		Instant now = Instant.now();
		for (int i = 0; i < 10_000; i++) {
			// Runs of instants within the same second, as in a batch, and jumps between seconds.
			instants.add(now.plusNanos(random.nextLong(0, 3_000_000_000L)));
			instants.add(Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 50_000_000_000L),
					random.nextInt(1_000_000_000)));
		}

		for (Instant instant : instants) {
			assertThat(Timestamps.millis(instant)).as("%s", instant)
				.isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS).toString());
		}
	}

}
