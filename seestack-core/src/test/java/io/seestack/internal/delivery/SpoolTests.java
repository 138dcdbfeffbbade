package io.seestack.internal.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.seestack.DeliveryListener;
import io.seestack.Feature;
import io.seestack.LogCapture;
import io.seestack.SeeStackOptions;
import io.seestack.internal.DefaultSeeStackClient;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The spool against a real loopback server that misbehaves: what could not be delivered is kept on disk and
 * delivered later, exactly once in normal operation, across a restart too. Retries run at once (their backoff is
 * recorded, not waited for); the probes of a backend that is down run on the real clock.
 */
class SpoolTests {

	private static final String ERRORS = "/ingest/v1/errors";

	private static final Duration RECOVERY = Duration.ofSeconds(30);

	@TempDir
	Path spool;

	private final IngestServer server = IngestServer.start();

	private final RecordingScheduler retries = new RecordingScheduler();

	@AfterEach
	void stop() {
		this.retries.close();
		this.server.close();
	}

	@Test
	void anOutageLosesNothingAndSendsNothingTwice() {
		this.server.respond(ERRORS, 503);
		try (DefaultSeeStackClient client = client(this.server.url())) {
			capture(client, "during the outage", 20);
			assertThat(client.flush(Duration.ofSeconds(10))).isFalse();
			assertThat(spooledFiles()).isNotEmpty();
			int requestsDuringOutage = this.server.count(ERRORS);

			this.server.respond(ERRORS, 202);
			await().atMost(RECOVERY).until(() -> this.server.acceptedBodies(ERRORS).size() == 20);
			// Nothing still on its way either: no body arrives twice after the count was reached.
			client.flush(Duration.ofSeconds(10));

			assertThat(messages()).containsExactlyInAnyOrderElementsOf(expected("during the outage", 20));
			assertThat(spooledFiles()).isEmpty();
			assertThat(requestsDuringOutage).as("batches stop retrying once the backend is down")
				.isLessThan(20 * RetryRules.MAX_ATTEMPTS / 2);
			assertThat(client.status().features().get(Feature.ERRORS).sent()).isEqualTo(20);
			assertThat(client.status().features().get(Feature.ERRORS).dropped()).isZero();
		}
	}

	@Test
	void aRestartInTheMiddleOfAnOutageDeliversWhatTheFirstRunKeptExactlyOnce() {
		this.server.respond(ERRORS, 503);
		try (DefaultSeeStackClient first = client(this.server.url())) {
			capture(first, "before the restart", 10);
			first.flush(Duration.ofSeconds(5));
		}
		assertThat(this.server.acceptedBodies(ERRORS)).isEmpty();
		this.server.respond(ERRORS, 202);

		try (DefaultSeeStackClient second = client(this.server.url())) {
			capture(second, "after the restart", 5);
			await().atMost(RECOVERY).until(() -> this.server.acceptedBodies(ERRORS).size() == 15);
			assertThat(messages()).containsExactlyInAnyOrderElementsOf(
					Stream.concat(expected("before the restart", 10).stream(), expected("after the restart", 5).stream())
						.toList());
		}
		// Closed, so everything it had is delivered: still each body once.
		assertThat(messages()).hasSize(15).doesNotHaveDuplicates();
		assertThat(spooledFiles()).isEmpty();
	}

	@Test
	void tooManyRequestsWithRetryAfterIsHonouredAndThenDelivered() {
		this.server.respond(ERRORS, 429, "Retry-After", "1");
		try (DefaultSeeStackClient client = client(this.server.url())) {
			capture(client, "throttled", 8);
			client.flush(Duration.ofSeconds(10));
			assertThat(this.retries.delays()).isNotEmpty().allSatisfy((delay) -> assertThat(delay).hasSeconds(1));

			this.server.respond(ERRORS, 202);
			await().atMost(RECOVERY).until(() -> this.server.acceptedBodies(ERRORS).size() == 8);
			assertThat(messages()).containsExactlyInAnyOrderElementsOf(expected("throttled", 8));
		}
	}

	@Test
	void whatARefusedConnectionKeptIsDeliveredByTheNextStart() throws IOException {
		String nobodyListens;
		try (ServerSocket socket = new ServerSocket(0)) {
			nobodyListens = "http://127.0.0.1:" + socket.getLocalPort();
		}
		try (DefaultSeeStackClient refused = client(nobodyListens)) {
			capture(refused, "refused", 6);
			refused.flush(Duration.ofSeconds(10));
		}
		assertThat(spooledFiles()).hasSize(6);

		try (DefaultSeeStackClient next = client(this.server.url())) {
			await().atMost(RECOVERY).until(() -> this.server.acceptedBodies(ERRORS).size() == 6);
		}
		assertThat(messages()).containsExactlyInAnyOrderElementsOf(expected("refused", 6));
	}

	@Test
	void aServerThatNeverAnswersIsTimedOutAndWhatItHeldIsKept() {
		this.server.delay(ERRORS, Duration.ofSeconds(30));
		try (DefaultSeeStackClient client = client(this.server.url(), Duration.ofMillis(300))) {
			capture(client, "unanswered", 3);
			client.flush(Duration.ofSeconds(10));
			assertThat(spooledFiles()).hasSize(3);
		}
	}

	@Test
	void aDamagedFileIsSkippedWithOneWarningAndTheRestDelivered() throws IOException {
		this.server.respond(ERRORS, 503);
		try (DefaultSeeStackClient first = client(this.server.url())) {
			capture(first, "kept", 4);
			first.flush(Duration.ofSeconds(5));
		}
		List<Path> files = spooledFiles();
		assertThat(files).hasSize(4);
		byte[] whole = Files.readAllBytes(files.get(0));
		Files.write(files.get(0), java.util.Arrays.copyOf(whole, whole.length - 10));
		Files.writeString(files.get(1), "garbage");
		this.server.respond(ERRORS, 202);

		try (LogCapture log = new LogCapture(); DefaultSeeStackClient second = client(this.server.url())) {
			await().atMost(RECOVERY).until(() -> this.server.acceptedBodies(ERRORS).size() == 2);
			assertThat(log.warnings()).filteredOn((warning) -> warning.contains("damaged")).hasSize(1);
		}
		assertThat(spooledFiles()).isEmpty();
	}

	@Test
	void aSecondProcessOnTheSameSpoolKeepsNothingThereAndSaysSo() {
		try (DefaultSeeStackClient first = client(this.server.url()); LogCapture log = new LogCapture();
				DefaultSeeStackClient second = client(this.server.url())) {
			assertThat(log.warnings()).anySatisfy((warning) -> assertThat(warning).contains("in use by another"));
			assertThat(first.status().spool()).isNotNull();
			assertThat(second.status().spool()).as("the second keeps nothing there").isNull();
		}
	}

	private DefaultSeeStackClient client(String host) {
		return client(host, SeeStackOptions.DEFAULT_SEND_TIMEOUT);
	}

	private DefaultSeeStackClient client(String host, Duration sendTimeout) {
		return new DefaultSeeStackClient(SeeStackOptions.builder()
			.host(host)
			.apiKey(IngestServer.API_KEY)
			.identicalErrorsPerSecond(0)
			.sendTimeout(sendTimeout)
			.shutdownHook(false)
			.deliveryListener(DeliveryListener.NOOP)
			.spool(this.spool)
			.build(), this.retries);
	}

	private static void capture(DefaultSeeStackClient client, String what, int count) {
		for (int i = 0; i < count; i++) {
			client.captureError(new IllegalStateException(what + " #" + i));
		}
	}

	private static List<String> expected(String what, int count) {
		return java.util.stream.IntStream.range(0, count).mapToObj((i) -> what + " #" + i).toList();
	}

	private List<String> messages() {
		return this.server.acceptedBodies(ERRORS).stream().map((body) -> body.get("message").asString()).toList();
	}

	private List<Path> spooledFiles() {
		try (Stream<Path> files = Files.list(this.spool)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".spool")).sorted().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
