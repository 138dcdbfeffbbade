package io.seestack.internal.payload;

import java.time.Instant;

/**
 * Timestamps as the ingest API takes them: {@code Instant.truncatedTo(MILLIS).toString()}. The date and time of
 * day are formatted once per second and reused: items of a batch mostly share their second, and formatting each
 * with {@link java.time.format.DateTimeFormatter} was a fifth of the cost of writing an HTTP batch.
 */
final class Timestamps {

	private static volatile Second last = new Second(Long.MIN_VALUE, "");

	private Timestamps() {
	}

	static String millis(Instant instant) {
		long epochSecond = instant.getEpochSecond();
		Second second = last;
		if (second.epochSecond != epochSecond) {
			String whole = Instant.ofEpochSecond(epochSecond).toString();
			second = new Second(epochSecond, whole.substring(0, whole.length() - 1));
			last = second;
		}
		int millis = instant.getNano() / 1_000_000;
		if (millis == 0) {
			return second.prefix + 'Z';
		}
		char[] fraction = { '.', digit(millis / 100), digit(millis / 10 % 10), digit(millis % 10), 'Z' };
		return second.prefix.concat(new String(fraction));
	}

	private static char digit(int value) {
		return (char) ('0' + value);
	}

	/** An epoch second and its formatted date and time, without the zone. */
	private record Second(long epochSecond, String prefix) {
	}

}
