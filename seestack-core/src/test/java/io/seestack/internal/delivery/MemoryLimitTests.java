package io.seestack.internal.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.seestack.Feature;
import io.seestack.Level;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.SeeStackStatus.FeatureStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's memory limit: while nothing can be sent, what waits is held to the limit by weight, not only by count;
 * logs go first, errors stay, and every drop is counted.
 */
class MemoryLimitTests {

	private static final String LONG_MESSAGE = "x".repeat(30_000);

	@Test
	void whatWaitsStaysWithinTheLimitLogsGoFirstAndEveryDropIsCounted() {
		try (SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder()
			.apiKey("k")
			.transport((request) -> new CompletableFuture<>())
			.sendTimeout(Duration.ofHours(1))
			.memoryLimit(1024 * 1024)
			.identicalErrorsPerSecond(0)
			.shutdownHook(false)
			.build())) {
			for (int i = 0; i < 20; i++) {
				client.captureError(new IllegalStateException("error " + (char) ('a' + i)));
			}
			for (int i = 0; i < 200; i++) {
				client.captureLog(Level.WARN, LONG_MESSAGE, Map.of());
			}

			FeatureStatus logs = client.status().features().get(Feature.LOGS);
			FeatureStatus errors = client.status().features().get(Feature.ERRORS);
			assertThat(logs.buffered()).as("30,000-character logs within 1 MB").isBetween(1, 17);
			assertThat(logs.dropped()).isEqualTo(200 - logs.buffered());
			assertThat(errors.dropped()).isZero();
			assertThat(errors.buffered()).as("errors not yet in one of the four sends").isGreaterThanOrEqualTo(16);
		}
	}

}
