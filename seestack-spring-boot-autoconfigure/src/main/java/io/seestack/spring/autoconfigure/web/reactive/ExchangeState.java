package io.seestack.spring.autoconfigure.web.reactive;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.seestack.spring.autoconfigure.web.CompletedRequest;
import io.seestack.spring.autoconfigure.web.HttpRequestMonitoring;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What SeeStack knows of one exchange from its start to its completion, which may come on another thread (the
 * thread that commits an error response), so the mutable fields are volatile or atomic.
 */
final class ExchangeState {

	final long startNanos = System.nanoTime();

	final Instant start = Instant.now();

	final String traceId;

	final String method;

	final String host;

	final String path;

	final long requestSize;

	/** Whether the exchange gets an HTTP request item. */
	final boolean monitored;

	private volatile @Nullable Throwable error;

	private final AtomicBoolean completed = new AtomicBoolean();

	ExchangeState(ServerHttpRequest request, String traceId, boolean monitored) {
		this.traceId = traceId;
		this.method = request.getMethod().name();
		this.host = host(request);
		this.path = HttpRequestMonitoring.withoutPathParameters(request.getPath().value());
		this.requestSize = Math.max(0, request.getHeaders().getContentLength());
		this.monitored = monitored;
	}

	/** The exception that left the filter chain, if one did. */
	@Nullable Throwable error() {
		return this.error;
	}

	void error(Throwable error) {
		if (this.error == null) {
			this.error = error;
		}
	}

	/** True exactly once: for the caller that is to complete the exchange. */
	boolean complete() {
		return this.completed.compareAndSet(false, true);
	}

	/**
	 * The exchange as completed. An exception that Spring answers with a status of its own (as Spring MVC's
	 * resolvers do) is a handled one, decided by the final status; any other escaped.
	 */
	CompletedRequest completed(int status, @Nullable String route, long responseSize) {
		Throwable error = this.error;
		boolean answered = error != null && isAnsweredBySpring(error);
		return new CompletedRequest(this.method, this.host, this.path, route, status, this.start,
				Duration.ofNanos(System.nanoTime() - this.startNanos), this.requestSize, responseSize, this.traceId,
				answered ? null : error, answered ? error : null);
	}

	static boolean isAnsweredBySpring(Throwable error) {
		return error instanceof ErrorResponse
				|| AnnotatedElementUtils.hasAnnotation(error.getClass(), ResponseStatus.class);
	}

	private static String host(ServerHttpRequest request) {
		String host = request.getURI().getHost();
		if (host != null) {
			return host;
		}
		InetSocketAddress local = request.getLocalAddress();
		return (local != null) ? local.getHostString() : "localhost";
	}

}
