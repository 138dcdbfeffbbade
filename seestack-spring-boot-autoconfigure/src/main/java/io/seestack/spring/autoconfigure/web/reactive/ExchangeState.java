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

	/**
	 * The key under which the filter puts the state in the Reactor {@code Context} of the exchange's chain, and
	 * under which Micrometer's context propagation restores it in {@link #CURRENT}.
	 */
	static final String CONTEXT_KEY = "io.seestack.spring.exchange";

	/**
	 * The state of the exchange whose operators run on this thread, where Reactor's automatic context propagation
	 * restored it (registered with Micrometer's {@code ContextRegistry} under {@link #CONTEXT_KEY}); read by
	 * {@link ExceptionHandlerRecorder}.
	 */
	static final ThreadLocal<ExchangeState> CURRENT = new ThreadLocal<>();

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

	private volatile @Nullable Throwable answered;

	private final AtomicBoolean completed = new AtomicBoolean();

	ExchangeState(ServerHttpRequest request, String traceId, boolean monitored) {
		this.traceId = traceId;
		this.method = request.getMethod().name();
		this.host = host(request);
		this.path = HttpRequestMonitoring.withoutPathParameters(request.getPath().value());
		this.requestSize = Math.max(0, request.getHeaders().getContentLength());
		this.monitored = monitored;
	}

	/** Notes the exception that left the filter chain; the first, if more do. */
	void error(Throwable error) {
		if (this.error == null) {
			this.error = error;
		}
	}

	/** Notes an exception that an {@code @ExceptionHandler} method was given; the first, if more are. */
	void answered(Throwable answered) {
		if (this.answered == null) {
			this.answered = answered;
		}
	}

	/** Whether an exception left the filter chain or an {@code @ExceptionHandler} method answered one. */
	boolean hasException() {
		return this.error != null || this.answered != null;
	}

	/** True exactly once: for the caller that is to complete the exchange. */
	boolean complete() {
		return this.completed.compareAndSet(false, true);
	}

	/**
	 * The exchange as completed. An exception that Spring answers with a status of its own (as Spring MVC's
	 * resolvers do) is a handled one, decided by the final status; any other that left the chain escaped. With none
	 * left, the one an {@code @ExceptionHandler} method answered is the handled one.
	 */
	CompletedRequest completed(int status, @Nullable String route, long responseSize) {
		Throwable error = this.error;
		Throwable escaped = error;
		Throwable handled = this.answered;
		if (error != null && isAnsweredBySpring(error)) {
			escaped = null;
			handled = error;
		}
		return new CompletedRequest(this.method, this.host, this.path, route, status, this.start,
				Duration.ofNanos(System.nanoTime() - this.startNanos), this.requestSize, responseSize, this.traceId,
				escaped, handled);
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
