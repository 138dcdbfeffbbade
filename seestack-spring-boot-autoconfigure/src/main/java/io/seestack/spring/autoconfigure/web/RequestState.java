package io.seestack.spring.autoconfigure.web;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.seestack.ScopeSnapshot;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * What SeeStack knows of one request across its dispatches (request, async, error), kept as a request attribute.
 * Written on the request's dispatch threads and read where the request completes, so the mutable fields are
 * volatile.
 */
final class RequestState {

	/** The request attribute that holds the state. */
	static final String ATTRIBUTE = "io.seestack.spring.autoconfigure.web.RequestState";

	/** The request attribute in which {@link SeeStackExceptionRecorder} leaves the first exception it sees. */
	static final String HANDLER_EXCEPTION_ATTRIBUTE = "io.seestack.spring.autoconfigure.web.HandlerException";

	final long startNanos = System.nanoTime();

	final Instant start = Instant.now();

	final String traceId;

	final String method;

	final String host;

	final String path;

	final long requestSize;

	/** Whether the request gets an HTTP request item (HTTP monitoring is on and the path is not excluded). */
	final boolean monitored;

	final ResponseSize responseSize = new ResponseSize();

	/** The client IP, as much of it as is recorded; resolved once, when the request starts. */
	final @Nullable String ip;

	/** The replay session id the browser sent, if any. */
	final @Nullable String sessionId;

	/** The request's context as its last dispatch left it, for the dispatches and completion that follow. */
	private volatile @Nullable ScopeSnapshot snapshot;

	private volatile @Nullable String route;

	private volatile @Nullable Throwable escaped;

	private volatile boolean async;

	private final AtomicBoolean completed = new AtomicBoolean();

	private RequestState(HttpServletRequest request, @Nullable String ip, @Nullable String sessionId,
			boolean monitored) {
		this.traceId = TraceParent.traceId(request.getHeader(TraceParent.HEADER));
		this.method = request.getMethod();
		this.host = request.getServerName();
		this.path = withoutPathParameters(request.getRequestURI());
		this.requestSize = Math.max(0, request.getContentLengthLong());
		this.ip = ip;
		this.sessionId = sessionId;
		this.monitored = monitored;
	}

	static @Nullable RequestState get(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof RequestState state) ? state : null;
	}

	/** Starts the state of a request and stores it in the request. */
	static RequestState start(HttpServletRequest request, @Nullable String ip, @Nullable String sessionId,
			boolean monitored) {
		RequestState state = new RequestState(request, ip, sessionId, monitored);
		request.setAttribute(ATTRIBUTE, state);
		return state;
	}

	/** The request's context as its last dispatch left it, if one was kept. */
	@Nullable ScopeSnapshot snapshot() {
		return this.snapshot;
	}

	void snapshot(ScopeSnapshot snapshot) {
		this.snapshot = snapshot;
	}

	@Nullable String route() {
		return this.route;
	}

	void route(@Nullable String route) {
		if (route != null) {
			this.route = route;
		}
	}

	/** The first exception that escaped a dispatch, unwrapped from its {@code ServletException}. */
	@Nullable Throwable escaped() {
		return this.escaped;
	}

	void escaped(Throwable escaped) {
		if (this.escaped == null) {
			this.escaped = escaped;
		}
	}

	/** Whether an async cycle was started, so the request completes when the async context does. */
	boolean isAsync() {
		return this.async;
	}

	void async() {
		this.async = true;
	}

	/** The request as completed with the given status. */
	CompletedRequest completed(int status, @Nullable Throwable handled) {
		return new CompletedRequest(this.method, this.host, this.path, this.route, status, this.start,
				Duration.ofNanos(System.nanoTime() - this.startNanos), this.requestSize,
				this.monitored ? this.responseSize.get() : 0, this.traceId, this.escaped, handled);
	}

	/** True exactly once: for the caller that is to complete the request. */
	boolean complete() {
		return this.completed.compareAndSet(false, true);
	}

	/** The path without {@code ;} path parameters such as {@code ;jsessionid=...}, which may carry secrets. */
	static String withoutPathParameters(String uri) {
		int semicolon = uri.indexOf(';');
		if (semicolon < 0) {
			return uri;
		}
		StringBuilder path = new StringBuilder(uri.length());
		int index = 0;
		while (semicolon >= 0) {
			path.append(uri, index, semicolon);
			int slash = uri.indexOf('/', semicolon);
			if (slash < 0) {
				return path.toString();
			}
			index = slash;
			semicolon = uri.indexOf(';', index);
		}
		return path.append(uri, index, uri.length()).toString();
	}

}
