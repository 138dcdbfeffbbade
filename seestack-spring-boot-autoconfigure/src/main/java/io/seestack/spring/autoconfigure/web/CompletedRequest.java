package io.seestack.spring.autoconfigure.web;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A request as SeeStack saw it when it completed, with its final status: what the
 * {@link SeeStackHttpRequestCapture} and the {@link SeeStackExceptionCapture} work from. Handed to them inside the
 * request's SeeStack scope, so what they capture carries the request's user, IP and trace id.
 *
 * @param method the HTTP method
 * @param host the server name the request was addressed to
 * @param path the path, without query and without {@code ;} path parameters
 * @param route the handler mapping's pattern, such as {@code /orders/{id}}, when Spring MVC or WebFlux knows it
 * @param status the final response status
 * @param start when the request started
 * @param duration how long it took, to the end of its last dispatch or of its async cycle
 * @param requestSize the request body's declared length, 0 when unknown
 * @param responseSize the body bytes written (counted only for a monitored request, else 0)
 * @param traceId the request's trace id (from its W3C {@code traceparent}, else generated)
 * @param escapedException the exception that escaped the filter chain (unwrapped from {@code ServletException}s), or
 * in WebFlux one that left it and that Spring does not answer with a status of its own
 * @param handledException the first exception that Spring MVC's handler exception resolvers were given, or in WebFlux
 * one that left the filter chain and that Spring answers with its own status (a {@code ResponseStatusException} or
 * other {@code ErrorResponse}, a {@code @ResponseStatus} type)
 */
public record CompletedRequest(String method, String host, String path, @Nullable String route, int status,
		Instant start, Duration duration, long requestSize, long responseSize, String traceId,
		@Nullable Throwable escapedException, @Nullable Throwable handledException) {

	/** Whether an exception escaped or was handled. */
	public boolean hasException() {
		return this.escapedException != null || this.handledException != null;
	}

}
