package io.seestack.benchmarks.starter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A SeeStack ingest sink on loopback in this JVM: {@code 202 {}} to every request, counted by path. Used when no
 * external sink (nginx, see {@code load/run.sh}) is given, and by the tests. It shares the JVM, and so the CPU,
 * with what is measured, as an external sink on the same machine would.
 */
public final class LoopbackSink implements AutoCloseable {

	private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, LongAdder> received = new ConcurrentHashMap<>();

	private LoopbackSink(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/** Starts a sink on an ephemeral loopback port. */
	public static LoopbackSink start() throws IOException {
		// Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		ExecutorService executor = Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "loopback-sink");
			thread.setDaemon(true);
			return thread;
		});
		LoopbackSink sink = new LoopbackSink(server, executor);
		server.createContext("/", sink::handle);
		server.setExecutor(executor);
		server.start();
		return sink;
	}

	/** The base URL, for {@code seestack.host}. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** How many requests arrived on the path, such as {@code /ingest/v1/errors}. */
	public long received(String path) {
		LongAdder count = this.received.get(path);
		return (count != null) ? count.sum() : 0;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			body.transferTo(OutputStream.nullOutputStream());
			this.received.computeIfAbsent(exchange.getRequestURI().getPath(), (path) -> new LongAdder()).increment();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(202, BODY.length);
			exchange.getResponseBody().write(BODY);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
