package io.seestack.internal.delivery;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import dev.failsafe.ExecutionContext;
import dev.failsafe.RetryPolicy;
import io.seestack.transport.TransportResponse;
import org.jspecify.annotations.Nullable;

/**
 * What the ingest API's contract says about retries: 5xx, 408, 429, timeouts and network errors are retried with
 * backoff 1, 2, 4, 8 s plus 0–500 ms jitter, at most 5 attempts; 429 waits for {@code Retry-After} (at most
 * {@link #MAX_RETRY_AFTER}); every other answer is final.
 */
final class RetryRules {

	static final int MAX_ATTEMPTS = 5;

	static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

	private static final long JITTER_MILLIS = 500;

	private RetryRules() {
	}

	static RetryPolicy<TransportResponse> policy(BooleanSupplier stopped, Runnable onRetry) {
		return RetryPolicy.<TransportResponse>builder()
			.handleIf((response, failure) -> (failure != null) ? isRetryable(failure) : isRetryable(response))
			.abortIf((response, failure) -> stopped.getAsBoolean())
			.withMaxAttempts(MAX_ATTEMPTS)
			.withDelayFn(RetryRules::delay)
			.onRetry((event) -> onRetry.run())
			.build();
	}

	static boolean isRetryable(@Nullable TransportResponse response) {
		if (response == null) {
			return false;
		}
		int status = response.statusCode();
		return status >= 500 || status == 408 || status == 429;
	}

	static boolean isRetryable(Throwable failure) {
		Throwable cause = unwrap(failure);
		return cause instanceof IOException || cause instanceof TimeoutException;
	}

	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static Duration delay(ExecutionContext<TransportResponse> context) {
		TransportResponse last = context.getLastResult();
		if (last != null && last.statusCode() == 429) {
			Duration retryAfter = parseRetryAfter(last.retryAfter());
			if (retryAfter != null) {
				return retryAfter;
			}
		}
		int failedAttempts = Math.max(1, context.getAttemptCount());
		long backoffMillis = 1_000L << Math.min(failedAttempts - 1, 3);
		return Duration.ofMillis(backoffMillis + ThreadLocalRandom.current().nextLong(JITTER_MILLIS + 1));
	}

	/** {@code Retry-After} as delta-seconds or an HTTP date, capped; {@code null} when absent or malformed. */
	static @Nullable Duration parseRetryAfter(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		Duration delay;
		try {
			delay = Duration.ofSeconds(Long.parseLong(header.strip()));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
				delay = Duration.between(ZonedDateTime.now(at.getZone()), at);
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
		if (delay.isNegative()) {
			return Duration.ZERO;
		}
		return (delay.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : delay;
	}

}
