package io.seestack.spring.autoconfigure.client;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;

import io.seestack.SeeStackClient;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Records every call made through a {@link org.springframework.web.client.RestClient RestClient} or
 * {@link org.springframework.web.client.RestTemplate RestTemplate} as an outbound HTTP request item, with the
 * calling scope's user and trace id. The starter adds it to the clients built from Spring Boot's
 * {@code RestClient.Builder} and {@code RestTemplateBuilder}; add the bean yourself to a client you build
 * otherwise.
 *
 * <p>The call is timed until its response's status and headers arrive (not while the application reads the body).
 * The path is the URI template's when the client exposes it to interceptors ({@code RestClient} does,
 * {@code RestTemplate} does not), else the request's. A call that fails without a response (connection refused, a
 * timeout) is recorded with status 0, and its exception is left to the application: it is not captured as an
 * error. The item is captured on the calling thread, in the caller's scope.
 *
 * <p>Like every interceptor, it makes Spring buffer the request body in memory before sending it.
 */
public final class SeeStackClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	/** Where {@code RestClient} puts the URI template of a request, among the request's attributes. */
	static final String URI_TEMPLATE_ATTRIBUTE = "org.springframework.web.client.RestClient.uriTemplate";

	private final OutboundCalls calls;

	/**
	 * Creates the interceptor.
	 * @param client the client that captures the items
	 * @param ingestUrl the SeeStack ingest URL ({@code seestack.host}), whose calls never get an item, or
	 * {@code null}
	 * @param propagateTrace whether to add a W3C {@code traceparent} header with the calling scope's trace id
	 */
	public SeeStackClientHttpRequestInterceptor(SeeStackClient client, @Nullable String ingestUrl,
			boolean propagateTrace) {
		this.calls = new OutboundCalls(client, ingestUrl, propagateTrace);
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		URI uri = request.getURI();
		if (!this.calls.isMonitored(uri)) {
			return execution.execute(request, body);
		}
		String traceparent = this.calls.traceparent(request.getHeaders());
		if (traceparent != null) {
			request.getHeaders().set(OutboundCalls.TRACEPARENT, traceparent);
		}
		Instant start = Instant.now();
		long startNanos = System.nanoTime();
		ClientHttpResponse response;
		try {
			response = execution.execute(request, body);
		}
		catch (IOException | RuntimeException ex) {
			record(request, uri, 0, startNanos, start, body.length, 0);
			throw ex;
		}
		record(request, uri, status(response), startNanos, start, body.length,
				response.getHeaders().getContentLength());
		return response;
	}

	/** The response's status; 0 if even that cannot be read, which the client then reports as it would anyway. */
	private static int status(ClientHttpResponse response) {
		try {
			return response.getStatusCode().value();
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private void record(HttpRequest request, URI uri, int status, long startNanos, Instant start, long requestSize,
			long responseSize) {
		this.calls.record(request.getMethod().name(), uri, request.getAttributes().get(URI_TEMPLATE_ATTRIBUTE),
				status, startNanos, start, requestSize, responseSize);
	}

}
