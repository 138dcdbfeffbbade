package io.seestack.internal.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.seestack.Feature;
import io.seestack.SeeStackOptions;
import io.seestack.internal.DefaultSeeStackClient;
import io.seestack.transport.Transport;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A custom transport whose futures never complete, the way a hung connection pool or a forgotten callback behaves:
 * the SDK's own deadline ends each attempt as a timeout, so the four sends in flight are freed and delivery goes on.
 */
class HungTransportTests {

	@Test
	void attemptsThatNeverEndAreTimedOutByTheSdkSoDeliveryGoesOn() throws Exception {
		AtomicInteger hungAttempts = new AtomicInteger();
		List<TransportRequest> delivered = new CopyOnWriteArrayList<>();
		List<CompletableFuture<TransportResponse>> leftHanging = new CopyOnWriteArrayList<>();
		Transport hangsEightTimes = (request) -> {
			if (hungAttempts.incrementAndGet() <= 8) {
				CompletableFuture<TransportResponse> never = new CompletableFuture<>();
				leftHanging.add(never);
				return never;
			}
			delivered.add(request);
			return CompletableFuture.completedFuture(new TransportResponse(202, null));
		};
		try (RecordingScheduler retries = new RecordingScheduler();
				DefaultSeeStackClient client = new DefaultSeeStackClient(SeeStackOptions.builder()
					.apiKey("k")
					.transport(hangsEightTimes)
					.sendTimeout(Duration.ofMillis(200))
					.build(), retries)) {
			for (int i = 0; i < 6; i++) {
				client.captureError(new IllegalStateException("error " + i));
			}

			assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
			assertThat(delivered).hasSize(6).allSatisfy((request) -> assertThat(request.feature())
				.isEqualTo(Feature.ERRORS));
			assertThat(client.status().features().get(Feature.ERRORS).retried()).isEqualTo(8);
			assertThat(leftHanging).as("the transport's own futures are left as it made them")
				.noneMatch(CompletableFuture::isDone);
		}
	}

}
