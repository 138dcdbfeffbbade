package io.seestack.internal.delivery;

import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.seestack.Feature;
import io.seestack.SeeStackOptions;
import io.seestack.testsupport.IngestServer;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The default transport against a real loopback server. */
class JdkHttpTransportTests {

	private static final byte[] LOG = "{\"level\":\"info\",\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

	private final IngestServer server = IngestServer.start();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void sendsWithTheKeyAndReportsTheStatusAndRetryAfter() throws Exception {
		this.server.respondOnce(Feature.LOGS.path(), 429, "Retry-After", "7");
		JdkHttpTransport transport = transport();

		TransportResponse limited = send(transport).get(5, TimeUnit.SECONDS);
		TransportResponse accepted = send(transport).get(5, TimeUnit.SECONDS);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.retryAfter()).isEqualTo("7");
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(this.server.received(Feature.LOGS.path())).hasSize(2)
			.allSatisfy((request) -> assertThat(request.header("X-SeeStack-Key")).isEqualTo(IngestServer.API_KEY));
	}

	/** The client's timer runs on its selector thread, which also runs the client's own steps: it still fires. */
	@Test
	void failsASendThatGetsNoAnswerWithinTheRequestTimeout() {
		this.server.delay(Feature.LOGS.path(), Duration.ofSeconds(30));

		CompletableFuture<TransportResponse> send = send(transport());

		assertThat(send).failsWithin(JdkHttpTransport.REQUEST_TIMEOUT.plusSeconds(10))
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(HttpTimeoutException.class);
	}

	/**
	 * {@code HttpClient.sendAsync} completes on a thread it starts per completion when the machine has one or two
	 * processors; the transport's own threads keep that cost away from the application.
	 */
	@Test
	void completesOnItsOwnFewSenderThreadsWhateverTheLoad() throws Exception {
		Set<String> workersBefore = httpClientWorkers();
		JdkHttpTransport transport = transport();
		Set<String> completingThreads = ConcurrentHashMap.newKeySet();
		Thread test = Thread.currentThread();

		for (int round = 0; round < 50; round++) {
			List<CompletableFuture<Void>> sends = List.of(0, 1, 2, 3).stream()
				.map((i) -> send(transport).thenRun(() -> {
					// A send that completed before thenRun was called runs the action on this thread.
					if (Thread.currentThread() != test) {
						completingThreads.add(Thread.currentThread().getName());
					}
				}))
				.toList();
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
		}

		assertThat(completingThreads).isNotEmpty()
			.allSatisfy((name) -> assertThat(name).startsWith("seestack-sender-"))
			.hasSizeLessThanOrEqualTo(Dispatcher.MAX_IN_FLIGHT);
		// The client's own executor would hand each step of every exchange to a pool of its own.
		assertThat(httpClientWorkers()).isSubsetOf(workersBefore);
	}

	/** The live threads of HttpClient's default executor, named {@code HttpClient-<client>-Worker-<n>}. */
	private static Set<String> httpClientWorkers() {
		return Thread.getAllStackTraces().keySet().stream()
			.map(Thread::getName)
			.filter((name) -> name.matches("HttpClient-\\d+-Worker-\\d+"))
			.collect(Collectors.toSet());
	}

	private JdkHttpTransport transport() {
		return new JdkHttpTransport(SeeStackOptions.builder().apiKey(IngestServer.API_KEY).host(this.server.url())
			.build());
	}

	private static CompletableFuture<TransportResponse> send(JdkHttpTransport transport) {
		return transport.send(new TransportRequest(Feature.LOGS, LOG, 1));
	}

}
