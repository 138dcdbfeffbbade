package io.seestack.internal.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.seestack.SeeStackOptions;
import io.seestack.transport.Transport;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;

/**
 * The default transport: the JDK's {@link HttpClient}, 3 s to connect, 5 s for the whole request, the API key in
 * {@code X-SeeStack-Key}.
 *
 * <p>Each request is sent with the blocking {@link HttpClient#send} on one of this transport's own daemon threads
 * (as many as the dispatcher keeps requests in flight), not with {@code sendAsync}: on a machine with one or two
 * processors the asynchronous path hands every completion to a freshly started thread (the common pool has a
 * parallelism of one there), which cost the host application far more than the sending itself. Likewise the
 * client runs its own internal steps where they arise (on the sender thread or its selector thread) rather than
 * handing each to a pool of worker threads of its own, which, profiled under load, slowed the application's
 * request threads more than the sending costs. Nothing it runs there blocks: the response body is discarded.
 */
public final class JdkHttpTransport implements Transport {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	/** Idle sender threads end after this, so an application that sends nothing holds none. */
	private static final long SENDER_KEEP_ALIVE_SECONDS = 30;

	private static final String USER_AGENT = "seestack-java/"
			+ Objects.requireNonNullElse(JdkHttpTransport.class.getPackage().getImplementationVersion(), "dev");

	private final HttpClient client;

	private final URI host;

	private final String apiKey;

	private final ThreadPoolExecutor senders;

	public JdkHttpTransport(SeeStackOptions options) {
		this.host = options.host();
		this.apiKey = options.apiKey();
		// Plain http is only for local and test backends; HTTP/1.1 there avoids h2c upgrade attempts.
		HttpClient.Version version = "https".equals(this.host.getScheme()) ? HttpClient.Version.HTTP_2
				: HttpClient.Version.HTTP_1_1;
		this.client = HttpClient.newBuilder()
			.connectTimeout(CONNECT_TIMEOUT)
			.version(version)
			.executor(Runnable::run)
			.build();
		this.senders = newSenders();
	}

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
		HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(this.host + request.path()))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("User-Agent", USER_AGENT)
			.header("X-SeeStack-Key", this.apiKey)
			.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
			.build();
		CompletableFuture<TransportResponse> result = new CompletableFuture<>();
		try {
			this.senders.execute(() -> sendBlocking(httpRequest, result));
		}
		catch (RejectedExecutionException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	private void sendBlocking(HttpRequest httpRequest, CompletableFuture<TransportResponse> result) {
		try {
			HttpResponse<Void> response = this.client.send(httpRequest, HttpResponse.BodyHandlers.discarding());
			result.complete(new TransportResponse(response.statusCode(),
					response.headers().firstValue("Retry-After").orElse(null)));
		}
		catch (IOException | RuntimeException ex) {
			result.completeExceptionally(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result.completeExceptionally(ex);
		}
	}

	private static ThreadPoolExecutor newSenders() {
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor senders = new ThreadPoolExecutor(Dispatcher.MAX_IN_FLIGHT, Dispatcher.MAX_IN_FLIGHT,
				SENDER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "seestack-sender-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		senders.allowCoreThreadTimeOut(true);
		return senders;
	}

	@Override
	public String toString() {
		return "JdkHttpTransport{host=" + this.host + "}";
	}

}
