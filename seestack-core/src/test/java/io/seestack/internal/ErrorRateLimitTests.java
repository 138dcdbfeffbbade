package io.seestack.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.seestack.Feature;
import io.seestack.RecordingTransport;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.internal.payload.PayloadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The error rate limit: at most {@code identicalErrorsPerSecond} of one type and message per second, the rest
 * counted and reported with the next one sent. The limiter's windows are one second of real time, so the
 * assertions allow for a window starting during a loop rather than assuming the loop fits in one.
 */
class ErrorRateLimitTests {

	private final RecordingTransport transport = new RecordingTransport();

	private SeeStackClient client = client(SeeStackOptions.DEFAULT_IDENTICAL_ERRORS_PER_SECOND);

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void aStormOfOneErrorSendsTenASecondAndCountsTheRestAsRateLimited() {
		long start = System.nanoTime();
		for (int i = 0; i < 1_000; i++) {
			this.client.captureError(new IllegalStateException("inventory service down"));
		}
		long windows = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 2;
		this.client.flush(Duration.ofSeconds(5));

		int sent = errors().size();
		assertThat(sent).isBetween(10, (int) (10 * windows));
		assertThat(this.client.status().features().get(Feature.ERRORS).dropped()).isEqualTo(1_000 - sent);
	}

	@Test
	void theNextErrorLetThroughCarriesHowManyWereHeldBackSoNoneGoesUncounted() {
		int captured = 0;
		for (int i = 0; i < 30; i++) {
			this.client.captureError(new IllegalStateException("inventory service down"));
			captured++;
		}
		this.client.flush(Duration.ofSeconds(5));
		int firstWindow = errors().size();
		int[] more = { 0 };
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
			this.client.captureError(new IllegalStateException("inventory service down"));
			more[0]++;
			this.client.flush(Duration.ofSeconds(5));
			return errors().size() > firstWindow && errors().size() >= 11;
		});
		captured += more[0];

		List<JsonNode> errors = errors();
		long accountedFor = errors.stream().mapToLong((error) -> 1 + suppressed(error)).sum();
		assertThat(accountedFor).isEqualTo(captured);
		assertThat(suppressed(errors.get(errors.size() - 1))).isPositive();
	}

	@Test
	void eachKindHasItsOwnLimit() {
		for (int i = 0; i < 15; i++) {
			this.client.captureError(new IllegalStateException("inventory service down"));
			this.client.captureError(new IllegalStateException("payment service down"));
			this.client.captureError(new IllegalArgumentException("inventory service down"));
		}
		this.client.flush(Duration.ofSeconds(5));

		assertThat(errors()).extracting((error) -> error.get("exceptionClass").asString() + ": "
				+ error.get("message").asString())
			.filteredOn("java.lang.IllegalStateException: payment service down"::equals)
			.hasSizeBetween(10, 15);
		assertThat(errors()).hasSizeBetween(30, 45);
	}

	@Test
	void zeroSwitchesTheLimitOff() {
		this.client.close();
		this.client = client(0);
		for (int i = 0; i < 300; i++) {
			this.client.captureError(new IllegalStateException("inventory service down"));
		}
		this.client.flush(Duration.ofSeconds(5));

		assertThat(errors()).hasSize(300);
	}

	private SeeStackClient client(int identicalErrorsPerSecond) {
		return SeeStackClient.create(SeeStackOptions.builder().apiKey("k").transport(this.transport)
			.identicalErrorsPerSecond(identicalErrorsPerSecond).build());
	}

	private List<JsonNode> errors() {
		return this.transport.bodies(Feature.ERRORS);
	}

	private static long suppressed(JsonNode error) {
		JsonNode count = error.get("metadata").get(PayloadFactory.SUPPRESSED_METADATA_KEY);
		return (count != null) ? count.asLong() : 0;
	}

}
