package io.seestack.spring.autoconfigure.web.testapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executor;

/**
 * A plain HTTP/1.1 client for the test applications: no redirects followed, cookies kept, headers as given.
 */
public final class TestHttp {

	/** The password of every user of the test applications. */
	public static final String PASSWORD = "password";

	private final HttpClient client;

	private final String base;

	public TestHttp(int port) {
		this(port, null);
	}

	public TestHttp(int port, Executor executor) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(new CookieManager())
			.connectTimeout(Duration.ofSeconds(10));
		if (executor != null) {
			builder.executor(executor);
		}
		this.client = builder.build();
		this.base = "http://127.0.0.1:" + port;
	}

	/** The value of an HTTP Basic {@code Authorization} header for the user. */
	public static String basic(String user) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	/** A {@code traceparent} header value whose trace id is {@code n} in 32 hex digits, to tell requests apart. */
	public static String traceparent(long n) {
		return "00-" + traceId(n) + "-00f067aa0ba902b7-01";
	}

	/** The trace id of {@link #traceparent(long)}. */
	public static String traceId(long n) {
		return String.format("%032x", n + 1);
	}

	/** GETs the path with header name/value pairs. */
	public HttpResponse<byte[]> get(String path, String... headers) {
		return send(request(path, headers).GET().build());
	}

	/** POSTs a form to the path with header name/value pairs. */
	public HttpResponse<byte[]> postForm(String path, String form, String... headers) {
		return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	/** Sends the method with no body. */
	public HttpResponse<byte[]> method(String method, String path, String... headers) {
		return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder;
	}

	private HttpResponse<byte[]> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
