package io.seestack.spring.autoconfigure.web;

import java.io.IOException;

import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.User;
import io.seestack.spring.autoconfigure.SeeStackProperties;
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
 * <p>Each dispatch of a request (request, async, error) opens a scope on its thread before the rest of the chain,
 * Spring Security included, and closes it in {@code finally} on that thread, restoring what the thread had: no
 * user, trace id or held log of one request reaches another, even on pooled threads. The scope starts with the
 * request's trace id (from a W3C {@code traceparent} header, else generated) and its anonymous user (only the IP,
 * when IP collection is on, else none); later dispatches start with the user the previous one ended with.
 * Who the user is, is set by the Spring Security integration, or by the application with
 * {@link SeeStackClient#setUser}.
 *
 * <p>When the request completes (at the end of its request dispatch, or when its async cycle completes) the filter
 * decides whether to capture its exception, with the request's user and the final status, and captures one inbound
 * {@link io.seestack.HttpRequestEvent}. The response of a monitored request is passed on in a wrapper that only
 * counts the body bytes; other requests keep theirs as it is.
 * A synchronous request completes when its request dispatch ends, so the body of an error page that the container
 * renders afterwards, in an error dispatch (after {@code sendError} or an exception escaping the servlet), is not
 * counted in its response size; an async request completes with its async cycle, after any error dispatch.
 * (A {@code ServletRequestListener} would see the end of every request, but while one is registered Tomcat creates
 * an event object for each request attribute set or removed, dozens per request with Spring Security: 1.5 µs per
 * request, measured, for the bytes of error pages.)
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

	private final HttpRequestMonitor httpRequests;

	private final ExceptionCapture exceptions;

	/**
	 * Creates the filter.
	 * @param client the client that scopes and captures
	 * @param ipResolver finds the request IP for the anonymous user
	 * @param properties {@code seestack.http.*}, {@code seestack.project-id} and {@code seestack.exceptions.*}
	 */
	public SeeStackRequestFilter(SeeStackClient client, ClientIpResolver ipResolver, SeeStackProperties properties) {
		this.client = client;
		this.ipResolver = ipResolver;
		this.httpRequests = new HttpRequestMonitor(client, properties);
		this.exceptions = new ExceptionCapture(client, properties.getExceptions());
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
			state = RequestState.start(request, anonymousUser(request), this.httpRequests.isMonitored(request));
		}
		Throwable escaped = null;
		Scope scope = this.client.openScope();
		try {
			scope.setTraceId(state.traceId);
			this.client.setUser(state.user());
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

	/** A dispatch of a request whose request dispatch this filter did not see: a scope, nothing captured. */
	private void doFilterUntracked(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try (Scope scope = this.client.openScope()) {
			this.client.setUser(anonymousUser(request));
			chain.doFilter(request, response);
		}
	}

	private void endDispatch(HttpServletRequest request, HttpServletResponse response, RequestState state,
			@Nullable Throwable escaped) {
		state.user(this.client.getCurrentUser().orElse(null));
		if (request.getDispatcherType() != DispatcherType.ERROR
				&& request.getAttribute(BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String route) {
			state.route(route);
		}
		if (escaped != null) {
			state.escaped(ExceptionCapture.unwrap(escaped));
		}
		if (request.isAsyncStarted()) {
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

	/** Completes an async request, on whatever thread the container completes it, in a scope of its own. */
	private void completeAsync(HttpServletRequest request, HttpServletResponse response, RequestState state) {
		if (!state.complete()) {
			return;
		}
		try (Scope scope = this.client.openScope()) {
			scope.setTraceId(state.traceId);
			this.client.setUser(state.user());
			complete(request, state, response.getStatus());
		}
		catch (RuntimeException ex) {
			logger.warn("SeeStack could not complete the request " + state.method + " " + state.path, ex);
		}
	}

	private void complete(HttpServletRequest request, RequestState state, int status) {
		this.exceptions.capture(request, state, status);
		this.httpRequests.capture(state, status);
	}

	private @Nullable User anonymousUser(HttpServletRequest request) {
		String ip = this.ipResolver.resolve(request);
		return (ip != null) ? User.builder().ip(ip).build() : null;
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
