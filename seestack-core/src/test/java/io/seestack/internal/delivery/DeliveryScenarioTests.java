package io.seestack.internal.delivery;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.seestack.DeliveryListener;
import io.seestack.Feature;
import io.seestack.HttpRequestEvent;
import io.seestack.Level;
import io.seestack.LogCapture;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.internal.DefaultSeeStackClient;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery rules of the ingest API's contract, against a real loopback server. Retries run at once through a
 * {@link RecordingScheduler}, which records the backoff each one asked for.
 */
class DeliveryScenarioTests {

	private static final String ERRORS = "/ingest/v1/errors";

	private static final String LOGS = "/ingest/v1/logs";

	private static final String HTTP = "/ingest/v1/http-requests";

	private final RecordingScheduler scheduler = new RecordingScheduler();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private IngestServer server;

	private LogCapture logs;

	@BeforeEach
	void start() {
		this.server = IngestServer.start();
		this.logs = new LogCapture();
	}

	@AfterEach
	void stop() {
		this.logs.close();
		this.server.close();
		this.scheduler.close();
	}

	@Test
	void serverErrorsAreRetriedWithBackoffOneTwoFourEightSecondsPlusJitter() {
		this.server.respondInSequence(ERRORS, 500, 502, 503, 504, 202);
		try (SeeStackClient client = client(this.server.url(), Duration.ofHours(1), 500)) {
			client.captureError(new IllegalStateException("boom"));

			assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
		}
		assertThat(this.server.received(ERRORS)).hasSize(5);
		List<Duration> delays = this.scheduler.delays();
		assertThat(delays).hasSize(4);
		long[] base = { 1_000, 2_000, 4_000, 8_000 };
		for (int i = 0; i < 4; i++) {
			assertThat(delays.get(i).toMillis()).as("backoff %d", i + 1).isBetween(base[i], base[i] + 500);
		}
		assertThat(this.events).containsExactly("retried ERRORS", "retried ERRORS", "retried ERRORS",
				"retried ERRORS", "sent ERRORS 1");
	}

	@Test
	void retriesStopAfterFiveAttemptsAndTheEventIsCountedAsDropped() {
		this.server.respond(ERRORS, 503);
		try (SeeStackClient client = client(this.server.url(), Duration.ofHours(1), 500)) {
			client.captureError(new IllegalStateException("boom"));

			assertThat(client.flush(Duration.ofSeconds(10))).isFalse();
		}
		assertThat(this.server.received(ERRORS)).hasSize(5);
		assertThat(this.events).contains("dropped ERRORS RETRIES_EXHAUSTED 1");
		assertThat(this.logs.warnings()).anyMatch((line) -> line.contains("HTTP 503, after 5 attempts"));
	}

	@Test
	void tooManyRequestsWaitsForRetryAfter() {
		this.server.respondOnce(LOGS, 429, "Retry-After", "3");
		try (SeeStackClient client = client(this.server.url(), Duration.ofHours(1), 500)) {
			client.captureLog(Level.INFO, "hello", Map.of());

			assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
		}
		assertThat(this.server.received(LOGS)).hasSize(2);
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void clientErrorsAreDroppedWithoutRetry() {
		for (int status : new int[] { 400, 403, 422 }) {
			this.server.reset();
			this.server.respond(ERRORS, status);
			try (SeeStackClient client = client(this.server.url(), Duration.ofHours(1), 500)) {
				client.captureError(new IllegalStateException("rejected " + status));

				assertThat(client.flush(Duration.ofSeconds(5))).isFalse();
				assertThat(client.isEnabled()).isTrue();
			}
			assertThat(this.server.received(ERRORS)).as("requests for %d", status).hasSize(1);
		}
		assertThat(this.scheduler.delays()).isEmpty();
		assertThat(this.events).contains("dropped ERRORS REJECTED 1");
	}

	@Test
	void unauthorizedDisablesTheSdkForTheProcessWithOneWarning() {
		try (SeeStackClient client = client(this.server.url(), "seestack_wrong_key", Duration.ofHours(1), 500)) {
			client.captureError(new IllegalStateException("first"));
			client.flush(Duration.ofSeconds(5));
			client.captureError(new IllegalStateException("second"));
			client.captureLog(Level.ERROR, "after", Map.of());
			client.flush(Duration.ofSeconds(1));

			assertThat(client.isEnabled()).isFalse();
			assertThat(client.disabledReason()).hasValueSatisfying((reason) -> assertThat(reason).contains("401"));
		}
		assertThat(this.server.count(ERRORS) + this.server.count(LOGS)).isEqualTo(1);
		assertThat(this.scheduler.delays()).isEmpty();
		assertThat(this.logs.warnings()).filteredOn((line) -> line.contains("disabled")).hasSize(1);
		assertThat(this.events).contains("disabled");
	}

	@Test
	void networkErrorsAreRetried() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (SeeStackClient client = client("http://127.0.0.1:" + closedPort, Duration.ofHours(1), 500)) {
			client.captureError(new IllegalStateException("unreachable"));

			assertThat(client.flush(Duration.ofSeconds(10))).isFalse();
		}
		assertThat(this.scheduler.delays()).hasSize(4);
		assertThat(this.events).contains("dropped ERRORS RETRIES_EXHAUSTED 1");
	}

	@Test
	void fullBufferDropsTheOldestWithOneWarning() {
		int closedPort = 9; // discard port: nothing listens on loopback
		try (SeeStackClient client = client("http://127.0.0.1:" + closedPort, Duration.ofHours(1), 10)) {
			for (int i = 0; i < 7; i++) {
				client.captureLog(Level.INFO, "log " + i, Map.of());
			}
			assertThat(client.bufferedCount(Feature.LOGS)).isLessThanOrEqualTo(10);
			for (int i = 7; i < 30; i++) {
				client.captureLog(Level.INFO, "log " + i, Map.of());
			}
			assertThat(client.bufferedCount(Feature.LOGS)).isLessThanOrEqualTo(10);
		}
		assertThat(this.events).anyMatch((event) -> event.startsWith("dropped LOGS BUFFER_FULL"));
		assertThat(this.logs.warnings()).filteredOn((line) -> line.contains("buffer is full")).hasSize(1);
	}

	@Test
	void logsWaitForTheFlushTimer() {
		try (SeeStackClient client = client(this.server.url(), Duration.ofMillis(200), 500)) {
			client.captureLog(Level.INFO, "on the timer", Map.of());
			assertThat(this.server.count(LOGS)).isZero();

			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.count(LOGS) == 1);
		}
		assertThat(this.server.bodies(LOGS).get(0).get("message").asString()).isEqualTo("on the timer");
	}

	@Test
	void logsAreSentEarlyAtEightyPercentOfTheBuffer() {
		try (SeeStackClient client = client(this.server.url(), Duration.ofHours(1), 10)) {
			for (int i = 0; i < 8; i++) {
				client.captureLog(Level.INFO, "log " + i, Map.of());
			}

			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.count(LOGS) == 8);
		}
	}

	@Test
	void httpItemsGoInBatchesOfAtMostOneHundredAndAFullOneAtOnce() {
		try (SeeStackClient client = client(this.server.url(), Duration.ofHours(1), 500)) {
			for (int i = 0; i < 100; i++) {
				client.captureHttpRequest(HttpRequestEvent.builder().path("/items/" + i).statusCode(200).build());
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.count(HTTP) >= 1);
			for (int i = 100; i < 300; i++) {
				client.captureHttpRequest(HttpRequestEvent.builder().path("/items/" + i).statusCode(200).build());
			}
			assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
		}
		List<Integer> batchSizes = this.server.bodies(HTTP).stream().map((body) -> body.get("requests").size())
			.toList();
		assertThat(batchSizes).allMatch((size) -> size >= 1 && size <= 100);
		assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
	}

	@Test
	void closeDeliversWhatIsBufferedThenStops() {
		SeeStackClient client = client(this.server.url(), Duration.ofHours(1), 500);
		for (int i = 0; i < 20; i++) {
			client.captureLog(Level.INFO, "before shutdown " + i, Map.of());
		}

		client.close();
		client.captureLog(Level.INFO, "after shutdown", Map.of());

		assertThat(this.server.received(LOGS)).hasSize(20);
		assertThat(client.isEnabled()).isFalse();
		assertThat(client.flush(Duration.ofSeconds(1))).isFalse();
	}

	@Test
	void closeGivesUpAfterItsDeadlineWhenTheBackendHangs() {
		this.server.delay(ERRORS, Duration.ofSeconds(30));
		SeeStackClient client = client(this.server.url(), Duration.ofHours(1), 500);
		client.captureError(new IllegalStateException("stuck"));

		client.close();

		assertThat(this.logs.warnings()).anyMatch((line) -> line.contains("shut down before everything"));
	}

	private SeeStackClient client(String host, Duration flushInterval, int bufferSize) {
		return client(host, IngestServer.API_KEY, flushInterval, bufferSize);
	}

	private SeeStackClient client(String host, String apiKey, Duration flushInterval, int bufferSize) {
		SeeStackOptions options = SeeStackOptions.builder().apiKey(apiKey).host(host)
			.projectId("a1b2c3d4-e5f6-7890-abcd-ef1234567890").flushInterval(flushInterval).bufferSize(bufferSize)
			.deliveryListener(new RecordingListener(this.events)).build();
		return new DefaultSeeStackClient(options, this.scheduler);
	}

	private record RecordingListener(List<String> events) implements DeliveryListener {

		@Override
		public void sent(Feature feature, int count) {
			this.events.add("sent " + feature + " " + count);
		}

		@Override
		public void dropped(Feature feature, DropReason reason, int count) {
			this.events.add("dropped " + feature + " " + reason + " " + count);
		}

		@Override
		public void retried(Feature feature) {
			this.events.add("retried " + feature);
		}

		@Override
		public void disabled(String reason) {
			this.events.add("disabled");
		}

	}

}
