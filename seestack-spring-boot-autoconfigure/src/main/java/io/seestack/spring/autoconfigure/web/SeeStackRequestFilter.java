package io.seestack.spring.autoconfigure.web;

import java.io.IOException;
import java.util.Enumeration;

import io.seestack.Scope;
import io.seestack.ScopeSnapshot;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackProperties.IpCollection;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request its own SeeStack {@link Scope}, and reports the request when it completes.
 *
 * <p>The request dispatch opens the request's scope before the rest of the chain, Spring Security included, with
 * the client IP (resolved once), the trace id (from a W3C {@code traceparent} header, else generated) and the
 * replay session id (from the configured header); who the user is, is set on it by the Spring Security
 * integration, or by the application. Each dispatch closes its scope in {@code finally} on its own thread,
 * restoring what the thread had: no user, trace id or held log of one request reaches another, even on pooled
 * threads. A dispatch that may be followed by another (an async cycle started, an error status) leaves a
 * {@link ScopeSnapshot snapshot} of the request's context, which the async and error dispatches and the completion
 * restore.
 *
 * <p>When the request completes (at the end of its request dispatch, or when its async cycle completes), in the
 * request's context, the {@link SeeStackExceptionCapture} decides whether to capture its exception, and the
 * {@link SeeStackHttpRequestCapture} captures its item. The response of a monitored request is passed on in a
 * wrapper that only counts the body bytes; other requests keep theirs as it is. A synchronous request completes
 * when its request dispatch ends, so the body of an error page that the container renders afterwards, in an error
 * dispatch, is not counted in its response size; an async request completes with its async cycle.
 */
public class SeeStackRequestFilter extends OncePerRequestFilter {

	/**
	 * The default order: just after the filters that correct the request (such as {@code ForwardedHeaderFilter}
	 * at {@link Ordered#HIGHEST_PRECEDENCE}) and well before Spring Security's filter chain ({@code -100}).
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private static final Log logger = LogFactory.getLog(SeeStackRequestFilter.class);

	private static final String BEST_MATCHING_PATTERN_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

	private static final String ALREADY_FILTERED_ATTRIBUTE = SeeStackRequestFilter.class.getName()
			+ ALREADY_FILTERED_SUFFIX;

	private final SeeStackClient client;

	private final ClientIpResolver ipResolver;

	private final @Nullable SeeStackHttpRequestCapture httpRequests;

	private final @Nullable SeeStackExceptionCapture exceptions;

	private final @Nullable String sessionHeader;

	/**
	 * Creates the filter.
	 * @param client the client that scopes and captures
	 * @param ipResolver finds the client IP of a request
	 * @param httpRequests the HTTP request items, or {@code null} for none
	 * @param exceptions the exception capture, or {@code null} for none
	 * @param sessionHeader the request header that carries the replay session id, or {@code null} for none
	 */
	public SeeStackRequestFilter(SeeStackClient client, ClientIpResolver ipResolver,
			@Nullable SeeStackHttpRequestCapture httpRequests, @Nullable SeeStackExceptionCapture exceptions,
			@Nullable String sessionHeader) {
		this.client = client;
		this.ipResolver = ipResolver;
		this.httpRequests = httpRequests;
		this.exceptions = exceptions;
		this.sessionHeader = (sessionHeader != null && !sessionHeader.isBlank()) ? sessionHeader : null;
	}

	/**
	 * A constant: the inherited name is concatenated (and then hashed by the request's attribute map) on every
	 * request.
	 */
	@Override
	protected String getAlreadyFilteredAttributeName() {
		return ALREADY_FILTERED_ATTRIBUTE;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RequestState state = RequestState.get(request);
		if (state == null) {
			if (request.getDispatcherType() != DispatcherType.REQUEST) {
				doFilterUntracked(request, response, chain);
				return;
			}
			state = RequestState.start(request, clientIp(request), sessionId(request),
					this.httpRequests != null && this.httpRequests.isMonitored(request));
		}
		Throwable escaped = null;
		Scope scope = open(state);
		try {
			// Only an HTTP item needs the response size: other requests keep the container's response as it is.
			chain.doFilter(request, state.monitored ? state.responseSize.wrap(response) : response);
		}
		catch (Throwable ex) {
			escaped = ex;
			throw ex;
		}
		finally {
			try {
				endDispatch(request, response, state, escaped);
			}
			catch (RuntimeException ex) {
				logger.warn("SeeStack could not complete the request " + state.method + " " + state.path, ex);
			}
			finally {
				scope.close();
			}
		}
	}

	/** The request's scope: restored from the last dispatch's snapshot, or new with the request's values. */
	private Scope open(RequestState state) {
		ScopeSnapshot snapshot = state.snapshot();
		if (snapshot != null) {
			return snapshot.restore();
		}
		Scope scope = this.client.openScope();
		// Anonymous until Spring Security or the application says who the user is: never the thread's or global.
		scope.clearUser();
		scope.setIp(state.ip);
		scope.setTraceId(state.traceId);
		scope.setSessionId(state.sessionId);
		return scope;
	}

	/** A dispatch of a request whose request dispatch this filter did not see: a scope, nothing captured. */
	private void doFilterUntracked(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try (Scope scope = this.client.openScope()) {
			scope.clearUser();
			scope.setIp(clientIp(request));
			chain.doFilter(request, response);
		}
	}

	private void endDispatch(HttpServletRequest request, HttpServletResponse response, RequestState state,
			@Nullable Throwable escaped) {
		if (request.getDispatcherType() != DispatcherType.ERROR
				&& request.getAttribute(BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String route) {
			state.route(route);
		}
		if (escaped != null) {
			state.escaped(unwrap(escaped));
		}
		boolean asyncStarted = request.isAsyncStarted();
		if (asyncStarted || escaped != null || response.getStatus() >= 400) {
			// Another dispatch (async, error) or a later completion may follow: it continues this context.
			state.snapshot(this.client.snapshot());
		}
		if (asyncStarted) {
			state.async();
			request.getAsyncContext().addListener(new CompletionListener(request, response, state));
		}
		else if (!state.isAsync() && state.complete()) {
			// An exception escaping the servlet becomes a 500, unless the response was already committed.
			int status = (escaped != null && !response.isCommitted()) ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR
					: response.getStatus();
			complete(request, state, status);
		}
	}

	/** Completes an async request, on whatever thread the container completes it, in the request's context. */
	private void completeAsync(HttpServletRequest request, HttpServletResponse response, RequestState state) {
		if (!state.complete()) {
			return;
		}
		try (Scope scope = open(state)) {
			complete(request, state, response.getStatus());
		}
		catch (RuntimeException ex) {
			logger.warn("SeeStack could not complete the request " + state.method + " " + state.path, ex);
		}
	}

	private void complete(HttpServletRequest request, RequestState state, int status) {
		Throwable handled = (this.exceptions != null
				&& request.getAttribute(RequestState.HANDLER_EXCEPTION_ATTRIBUTE) instanceof Throwable resolved)
						? resolved : null;
		boolean exception = this.exceptions != null && (state.escaped() != null || handled != null);
		if (!state.monitored && !exception) {
			return;
		}
		CompletedRequest completed = state.completed(status, handled);
		if (exception) {
			this.exceptions.capture(completed);
		}
		if (state.monitored && this.httpRequests != null) {
			this.httpRequests.capture(completed);
		}
	}

	private @Nullable String clientIp(HttpServletRequest request) {
		if (this.ipResolver.collection() == IpCollection.NONE) {
			// The default: not even the headers are read.
			return null;
		}
		Enumeration<String> forwardedFor = request.getHeaders(ClientIpResolver.X_FORWARDED_FOR);
		return this.ipResolver.resolve(request.getRemoteAddr(), forwardedFor);
	}

	/** The exception inside the {@link ServletException}s that the servlet container and Spring wrap it in. */
	static Throwable unwrap(Throwable escaped) {
		Throwable error = escaped;
		while (error instanceof ServletException && error.getCause() != null && error.getCause() != error) {
			error = error.getCause();
		}
		return error;
	}

	/** The replay session id from the configured header, if it looks like one (an id, not arbitrary text). */
	private @Nullable String sessionId(HttpServletRequest request) {
		if (this.sessionHeader == null) {
			return null;
		}
		String value = request.getHeader(this.sessionHeader);
		return (value != null && SessionIds.isValid(value)) ? value : null;
	}

	/** Completes the request when its async cycle completes, after its last dispatch. */
	private final class CompletionListener implements AsyncListener {

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		private final RequestState state;

		CompletionListener(HttpServletRequest request, HttpServletResponse response, RequestState state) {
			this.request = request;
			this.response = response;
			this.state = state;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			completeAsync(this.request, this.response, this.state);
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

}
