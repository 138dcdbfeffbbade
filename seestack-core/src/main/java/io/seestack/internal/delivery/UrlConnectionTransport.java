package io.seestack.internal.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.seestack.SeeStackOptions;
import io.seestack.transport.Transport;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;

/**
 * The default transport: the JDK's {@link HttpURLConnection} (HTTP/1.1, kept-alive connections), 3 s to connect,
 * 5 s for the whole exchange, the API key in {@code X-SeeStack-Key}.
 *
 * <p>Each POST is made on one of this transport's own daemon threads (as many as the dispatcher keeps requests in
 * flight). It replaced {@code java.net.http.HttpClient}, measured under load: that client's asynchronous machinery
 * cost twice the CPU per POST, and its ~1 MB of compiled code slowed the application's own request threads
 * (docs/performance.md). {@link HttpURLConnection} has no deadline for a whole exchange, only per connect and per
 * read, so a watchdog closes the connection of an exchange still running after {@link #REQUEST_TIMEOUT}: a server
 * that stops reading the body can hold no sender thread for longer.
 */
public final class UrlConnectionTransport implements Transport {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	/** Idle threads end after this, so an application that sends nothing holds none. */
	private static final long KEEP_ALIVE_SECONDS = 30;

	private static final String USER_AGENT = "seestack-java/"
			+ Objects.requireNonNullElse(UrlConnectionTransport.class.getPackage().getImplementationVersion(), "dev");

	private final URI host;

	private final String apiKey;

	private final ThreadPoolExecutor senders;

	private final ScheduledThreadPoolExecutor watchdog;

	public UrlConnectionTransport(SeeStackOptions options) {
		this.host = options.host();
		this.apiKey = options.apiKey();
		this.senders = new ThreadPoolExecutor(Dispatcher.MAX_IN_FLIGHT, Dispatcher.MAX_IN_FLIGHT, KEEP_ALIVE_SECONDS,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("seestack-sender-"));
		this.senders.allowCoreThreadTimeOut(true);
		this.watchdog = new ScheduledThreadPoolExecutor(1, daemonThreads("seestack-watchdog-"));
		this.watchdog.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
		this.watchdog.allowCoreThreadTimeOut(true);
		this.watchdog.setRemoveOnCancelPolicy(true);
	}

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
		CompletableFuture<TransportResponse> result = new CompletableFuture<>();
		try {
			URL url = URI.create(this.host + request.path()).toURL();
			this.senders.execute(() -> exchange(url, request.body(), result));
		}
		catch (IOException | RuntimeException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	private void exchange(URL url, byte[] body, CompletableFuture<TransportResponse> result) {
		HttpURLConnection connection = null;
		AtomicBoolean ended = new AtomicBoolean();
		ScheduledFuture<?> deadline = null;
		try {
			// No proxy, as before: the ingest API is reached directly, whatever proxies the application sets for itself.
			connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
			HttpURLConnection exchange = connection;
			deadline = this.watchdog.schedule(() -> {
				if (ended.compareAndSet(false, true)) {
					exchange.disconnect();
				}
			}, REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			result.complete(post(connection, body));
		}
		catch (IOException | RuntimeException ex) {
			result.completeExceptionally(ended.get() ? new SocketTimeoutException(
					"no complete answer from " + url.getPath() + " within " + REQUEST_TIMEOUT.toSeconds() + " s")
					: ex);
		}
		finally {
			if (ended.compareAndSet(false, true) && deadline != null) {
				deadline.cancel(false);
			}
		}
	}

	private TransportResponse post(HttpURLConnection connection, byte[] body) throws IOException {
		connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
		connection.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
		connection.setInstanceFollowRedirects(false);
		connection.setUseCaches(false);
		connection.setRequestMethod("POST");
		connection.setDoOutput(true);
		connection.setFixedLengthStreamingMode(body.length);
		connection.setRequestProperty("Content-Type", "application/json");
		connection.setRequestProperty("User-Agent", USER_AGENT);
		connection.setRequestProperty("X-SeeStack-Key", this.apiKey);
		try (OutputStream out = connection.getOutputStream()) {
			out.write(body);
		}
		int status = connection.getResponseCode();
		// Reading the answer to its end lets the connection be kept alive for the next POST.
		try (InputStream answer = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
			if (answer != null) {
				answer.transferTo(OutputStream.nullOutputStream());
			}
		}
		return new TransportResponse(status, connection.getHeaderField("Retry-After"));
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public String toString() {
		return "UrlConnectionTransport{host=" + this.host + "}";
	}

}
