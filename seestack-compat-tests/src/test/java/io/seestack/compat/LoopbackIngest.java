package io.seestack.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback standing in for the ingest API: answers 202, records every body and refuses to hand
 * out one that came without the API key or as anything but JSON. The JDK's own server, and the bodies read with
 * the streaming parser the SDK already brings: the project's {@code seestack-test-support} uses Jackson 3's data
 * binding, which cannot run beside Boot 3.5's jackson-annotations (the very conflict these tests guard against);
 * its schema validation runs in the main test suites on the same payload code.
 */
final class LoopbackIngest implements AutoCloseable {

	static final String API_KEY = "seestack_compat_key_7c1e";

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	LoopbackIngest() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/ingest/v1/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.received.add(new Received(exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("X-SeeStack-Key"),
					exchange.getRequestHeaders().getFirst("Content-Type"), body));
			byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(202, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	void reset() {
		this.received.clear();
	}

	/** The JSON bodies received on the path, oldest first, each with the API key and as JSON. */
	List<Object> bodies(String path) {
		List<Object> bodies = new ArrayList<>();
		for (Received request : this.received) {
			if (request.path().equals(path)) {
				if (!API_KEY.equals(request.apiKey()) || !"application/json".equals(request.contentType())) {
					throw new AssertionError(path + " without the API key or not as JSON: " + request);
				}
				bodies.add(JsonText.parse(request.body()));
			}
		}
		return bodies;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private record Received(String path, String apiKey, String contentType, String body) {

	}

}
