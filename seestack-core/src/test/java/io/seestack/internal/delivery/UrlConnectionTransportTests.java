package io.seestack.internal.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.seestack.Feature;
import io.seestack.SeeStackOptions;
import io.seestack.testsupport.IngestServer;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The default transport against a real loopback server. */
class UrlConnectionTransportTests {

	private static final byte[] LOG = "{\"level\":\"info\",\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

	private final IngestServer server = IngestServer.start();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void sendsWithTheKeyAndReportsTheStatusAndRetryAfter() throws Exception {
		this.server.respondOnce(Feature.LOGS.path(), 429, "Retry-After", "7");
		UrlConnectionTransport transport = transport(this.server.url());

		TransportResponse limited = send(transport, LOG).get(5, TimeUnit.SECONDS);
		TransportResponse accepted = send(transport, LOG).get(5, TimeUnit.SECONDS);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.retryAfter()).isEqualTo("7");
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(this.server.received(Feature.LOGS.path())).hasSize(2).allSatisfy((request) -> {
			assertThat(request.header("X-SeeStack-Key")).isEqualTo(IngestServer.API_KEY);
			assertThat(request.header("Content-Type")).isEqualTo("application/json");
			assertThat(request.header("User-Agent")).startsWith("seestack-java/");
		});
		assertThat(this.server.bodies(Feature.LOGS.path()).get(1).get("message").asText()).isEqualTo("hello");
	}

	/** A body sent in streaming mode cannot be resent for authentication: the 401 must still come back as an answer. */
	@Test
	void reportsA401AsAnAnswerForTheSdkToDisableItself() throws Exception {
		this.server.respondOnce(Feature.LOGS.path(), 401, "WWW-Authenticate", "SeeStack-Key");

		TransportResponse rejected = send(transport(this.server.url()), LOG).get(5, TimeUnit.SECONDS);

		assertThat(rejected.statusCode()).isEqualTo(401);
	}

	@Test
	void failsASendThatGetsNoAnswerWithinTheRequestTimeout() {
		this.server.delay(Feature.LOGS.path(), Duration.ofSeconds(30));

		CompletableFuture<TransportResponse> send = send(transport(this.server.url()), LOG);

		assertThat(send).failsWithin(UrlConnectionTransport.REQUEST_TIMEOUT.plusSeconds(10))
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(SocketTimeoutException.class);
	}

	/** Writing has no timeout of its own: the deadline of the whole exchange ends a server that stops reading. */
	@Test
	void failsASendWhoseBodyTheServerStopsReading() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> accept(silent));
			byte[] body = new byte[64 * 1024 * 1024];

			CompletableFuture<TransportResponse> send = send(
					transport("http://127.0.0.1:" + silent.getLocalPort()), body);

			assertThat(send).failsWithin(UrlConnectionTransport.REQUEST_TIMEOUT.plusSeconds(10))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(SocketTimeoutException.class);
			accepted.get(5, TimeUnit.SECONDS).close();
		}
	}

	@Test
	void completesOnItsOwnFewSenderThreadsWhateverTheLoad() throws Exception {
		UrlConnectionTransport transport = transport(this.server.url());
		Set<String> completingThreads = ConcurrentHashMap.newKeySet();
		Thread test = Thread.currentThread();

		for (int round = 0; round < 50; round++) {
			List<CompletableFuture<Void>> sends = List.of(0, 1, 2, 3).stream()
				.map((i) -> send(transport, LOG).thenRun(() -> {
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
		assertThat(this.server.count(Feature.LOGS.path())).isEqualTo(200);
	}

	private static Socket accept(ServerSocket server) {
		try {
			return server.accept();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static UrlConnectionTransport transport(String host) {
		return new UrlConnectionTransport(SeeStackOptions.builder().apiKey(IngestServer.API_KEY).host(host).build());
	}

	private static CompletableFuture<TransportResponse> send(UrlConnectionTransport transport, byte[] body) {
		return transport.send(new TransportRequest(Feature.LOGS, body, 1));
	}

}
