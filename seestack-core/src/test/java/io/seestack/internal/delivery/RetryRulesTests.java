package io.seestack.internal.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletionException;

import io.seestack.transport.TransportResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's retry classification and Retry-After parsing, case by case. */
class RetryRulesTests {

	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 503, 504, 408, 429 })
	void serverErrorsTimeoutsAndTooManyRequestsAreRetried(int status) {
		assertThat(RetryRules.isRetryable(new TransportResponse(status, null))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, 202, 400, 401, 403, 404, 422 })
	void successAndClientErrorsAreFinal(int status) {
		assertThat(RetryRules.isRetryable(new TransportResponse(status, null))).isFalse();
	}

	@Test
	void timeoutsAndNetworkErrorsAreRetriedEvenWhenWrapped() {
		assertThat(RetryRules.isRetryable(new HttpTimeoutException("request timed out"))).isTrue();
		assertThat(RetryRules.isRetryable(new CompletionException(new ConnectException("refused")))).isTrue();
		assertThat(RetryRules.isRetryable(new IOException("reset"))).isTrue();
		assertThat(RetryRules.isRetryable(new IllegalStateException("a bug, not the network"))).isFalse();
	}

	@Test
	void retryAfterAcceptsSecondsAndHttpDatesAndIsCapped() {
		assertThat(RetryRules.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryRules.parseRetryAfter("86400")).isEqualTo(RetryRules.MAX_RETRY_AFTER);
		assertThat(RetryRules.parseRetryAfter("-3")).isEqualTo(Duration.ZERO);
		String inTwentySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20));
		assertThat(RetryRules.parseRetryAfter(inTwentySeconds)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20));
		assertThat(RetryRules.parseRetryAfter("soon")).isNull();
		assertThat(RetryRules.parseRetryAfter(null)).isNull();
	}

}
