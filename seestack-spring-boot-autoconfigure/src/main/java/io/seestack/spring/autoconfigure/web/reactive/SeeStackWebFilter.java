package io.seestack.spring.autoconfigure.web.reactive;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import io.seestack.Scope;
import io.seestack.ScopeSnapshot;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackProperties.IpCollection;
import io.seestack.spring.autoconfigure.web.ClientIpResolver;
import io.seestack.spring.autoconfigure.web.CompletedRequest;
import io.seestack.spring.autoconfigure.web.SeeStackExceptionCapture;
import io.seestack.spring.autoconfigure.web.SessionIds;
import io.seestack.spring.autoconfigure.web.TraceParent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Gives every WebFlux exchange its own SeeStack context, and reports the exchange when it completes.
 *
 * <p>Before the rest of the chain, Spring Security included, the filter takes a {@link ScopeSnapshot snapshot}
 * of the exchange's context: anonymous, with the client IP (resolved once, by the same trusted-proxy rules as on
 * the servlet side), the trace id (from a W3C {@code traceparent} header, else generated) and the replay session id
 * (from the configured header). It puts the snapshot in the Reactor {@code Context} of the chain under
 * {@link ScopeSnapshot#CONTEXT_KEY}, where Reactor's context propagation restores it on whatever thread runs the
 * application's operators, and in the exchange's attributes under the same key, where the Spring Security
 * integration replaces it with one that has the user. It opens no scope on the server's thread that outlives a
 * call: each restore is closed on the thread that opened it.
 *
 * <p>When the exchange completes, in its context as last set (so with its user), the
 * {@link SeeStackExceptionCapture} decides whether to capture the exception that left the chain, or else the one
 * that an {@code @ExceptionHandler} method answered (noted on the exchange's state, which the filter also puts in
 * the Reactor {@code Context}, by {@link ExceptionHandlerRecorder}), and the {@link SeeStackServerHttpRequestCapture}
 * captures its item. An exchange whose chain ends with an exception completes when WebFlux's exception handlers
 * commit the response, once its status is final.
 */
public class SeeStackWebFilter implements WebFilter, Ordered {

	/**
	 * The default order: early, like the servlet filter, and well before Spring Security's
	 * {@code WebFilterChainProxy} ({@code -100}).
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private static final Log logger = LogFactory.getLog(SeeStackWebFilter.class);

	/** The status of an exchange that the client abandoned before it was answered (nginx's convention). */
	static final int CLIENT_CLOSED_REQUEST = 499;

	private final SeeStackClient client;

	private final ClientIpResolver ipResolver;

	private final @Nullable SeeStackServerHttpRequestCapture httpRequests;

	private final @Nullable SeeStackExceptionCapture exceptions;

	private final @Nullable String sessionHeader;

	/**
	 * Creates the filter.
	 * @param client the client that scopes and captures
	 * @param ipResolver finds the client IP of an exchange
	 * @param httpRequests the HTTP request items, or {@code null} for none
	 * @param exceptions the exception capture, or {@code null} for none
	 * @param sessionHeader the request header that carries the replay session id, or {@code null} for none
	 */
	public SeeStackWebFilter(SeeStackClient client, ClientIpResolver ipResolver,
			@Nullable SeeStackServerHttpRequestCapture httpRequests, @Nullable SeeStackExceptionCapture exceptions,
			@Nullable String sessionHeader) {
		this.client = client;
		this.ipResolver = ipResolver;
		this.httpRequests = httpRequests;
		this.exceptions = exceptions;
		this.sessionHeader = (sessionHeader != null && !sessionHeader.isBlank()) ? sessionHeader : null;
	}

	@Override
	public int getOrder() {
		return DEFAULT_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ExchangeState state;
		ScopeSnapshot context;
		try {
			ServerHttpRequest request = exchange.getRequest();
			state = new ExchangeState(request, TraceParent.traceId(request.getHeaders().getFirst(TraceParent.HEADER)),
					this.httpRequests != null && this.httpRequests.isMonitored(exchange));
			context = open(request, state);
		}
		catch (RuntimeException ex) {
			logger.warn("SeeStack could not start the exchange's context", ex);
			return chain.filter(exchange);
		}
		exchange.getAttributes().put(ScopeSnapshot.CONTEXT_KEY, context);
		Context reactorContext = (this.exceptions != null)
				? Context.of(ScopeSnapshot.CONTEXT_KEY, context, ExchangeState.CONTEXT_KEY, state)
				: Context.of(ScopeSnapshot.CONTEXT_KEY, context);
		return chain.filter(exchange)
			.contextWrite(reactorContext)
			.doOnError((error) -> failed(exchange, state, error))
			.doFinally((signal) -> {
				if (signal != SignalType.ON_ERROR) {
					complete(exchange, state, signal == SignalType.CANCEL);
				}
			});
	}

	/** The exchange's first context: anonymous, never the thread's or the global user. */
	private ScopeSnapshot open(ServerHttpRequest request, ExchangeState state) {
		String ip = clientIp(request);
		String sessionId = sessionId(request);
		try (Scope scope = this.client.openScope()) {
			scope.clearUser();
			scope.setIp(ip);
			scope.setTraceId(state.traceId);
			scope.setSessionId(sessionId);
			return this.client.snapshot();
		}
	}

	/**
	 * The chain ended with an exception: WebFlux's exception handlers answer it after this, so the exchange
	 * completes when they commit the response, with its final status; at once if it was committed already.
	 */
	private void failed(ServerWebExchange exchange, ExchangeState state, Throwable error) {
		state.error(error);
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			complete(exchange, state, false);
			return;
		}
		response.beforeCommit(() -> {
			complete(exchange, state, false);
			return Mono.empty();
		});
	}

	/**
	 * Captures what the exchange is to report.
	 * @param cancelled whether the exchange was cancelled: the client went away before it completed
	 */
	private void complete(ServerWebExchange exchange, ExchangeState state, boolean cancelled) {
		if (!state.complete()) {
			return;
		}
		try {
			boolean exception = this.exceptions != null && state.hasException();
			if (!state.monitored && !exception) {
				return;
			}
			ServerHttpResponse response = exchange.getResponse();
			CompletedRequest completed = state.completed(status(response, cancelled), route(exchange),
					Math.max(0, response.getHeaders().getContentLength()));
			ScopeSnapshot context = exchange.getAttribute(ScopeSnapshot.CONTEXT_KEY);
			try (Scope scope = (context != null) ? context.restore() : this.client.openScope()) {
				if (exception) {
					this.exceptions.capture(completed);
				}
				if (state.monitored && this.httpRequests != null) {
					this.httpRequests.capture(completed);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("SeeStack could not complete the exchange " + state.method + " " + state.path, ex);
		}
	}

	/**
	 * The status the client was sent; for an exchange it abandoned before any answer (it closed the connection),
	 * 499, the status proxies such as nginx record for that, rather than a status it never received.
	 */
	private static int status(ServerHttpResponse response, boolean cancelled) {
		if (cancelled && !response.isCommitted()) {
			return CLIENT_CLOSED_REQUEST;
		}
		HttpStatusCode status = response.getStatusCode();
		return (status != null) ? status.value() : 200;
	}

	private static @Nullable String route(ServerWebExchange exchange) {
		return (exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof PathPattern pattern)
				? pattern.getPatternString() : null;
	}

	private @Nullable String clientIp(ServerHttpRequest request) {
		if (this.ipResolver.collection() == IpCollection.NONE) {
			// The default: not even the headers are read.
			return null;
		}
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null) {
			return null;
		}
		InetAddress address = remote.getAddress();
		// getValuesAsList: HttpHeaders.get changed its signature between Spring Framework 6.2 and 7.
		List<String> forwardedFor = request.getHeaders().getValuesAsList(ClientIpResolver.X_FORWARDED_FOR);
		return this.ipResolver.resolve((address != null) ? address.getHostAddress() : remote.getHostString(),
				forwardedFor.iterator());
	}

	/** The replay session id from the configured header, if it looks like one (an id, not arbitrary text). */
	private @Nullable String sessionId(ServerHttpRequest request) {
		if (this.sessionHeader == null) {
			return null;
		}
		String value = request.getHeaders().getFirst(this.sessionHeader);
		return (value != null && SessionIds.isValid(value)) ? value : null;
	}

}
