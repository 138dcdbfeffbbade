package io.seestack.spring.autoconfigure.client;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.seestack.Scope;
import io.seestack.ScopeSnapshot;
import io.seestack.SeeStackClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Records every exchange made through a {@link org.springframework.web.reactive.function.client.WebClient
 * WebClient} as an outbound HTTP request item, with the user and trace id of the scope that made it. The starter
 * adds it to the clients built from Spring Boot's {@code WebClient.Builder}; add the bean yourself to a client you
 * build otherwise.
 *
 * <p>The response arrives on a thread of the HTTP client, where the caller's scope is not current: the filter takes
 * a {@link ScopeSnapshot snapshot} of the caller's context when the exchange is made (when the request is
 * subscribed to) and captures the item with it restored. The caller's context is the one in the Reactor
 * {@code Context} under {@link ScopeSnapshot#CONTEXT_KEY} when there is one (in a WebFlux application, the
 * exchange's, whichever thread subscribes), else the subscribing thread's. Each subscription is timed
 * until its response's status and headers arrive, and is one item: a {@code retry()} makes one per attempt. An
 * exchange that ends without a response (an error, or cancelled, by a {@code timeout()} say) is recorded with
 * status 0; its exception is left to the application. The path is the URI template's when the application used
 * one, else the request's. The request size is its {@code Content-Length} when set (a body the client streams has
 * none, so 0).
 */
public final class SeeStackExchangeFilterFunction implements ExchangeFilterFunction {

	/** Where {@code WebClient} puts the URI template of a request, among the request's attributes. */
	static final String URI_TEMPLATE_ATTRIBUTE = "org.springframework.web.reactive.function.client.WebClient.uriTemplate";

	private final OutboundCalls calls;

	/**
	 * Creates the filter.
	 * @param client the client that captures the items
	 * @param ingestUrl the SeeStack ingest URL ({@code seestack.host}), whose calls never get an item, or
	 * {@code null}
	 * @param propagateTrace whether to add a W3C {@code traceparent} header with the calling scope's trace id
	 */
	public SeeStackExchangeFilterFunction(SeeStackClient client, @Nullable String ingestUrl, boolean propagateTrace) {
		this.calls = new OutboundCalls(client, ingestUrl, propagateTrace);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.calls.isMonitored(request.url())) {
			return next.exchange(request);
		}
		return Mono.deferContextual((context) -> {
			ScopeSnapshot exchangeContext = context.getOrDefault(ScopeSnapshot.CONTEXT_KEY, null);
			if (exchangeContext == null) {
				return exchange(request, next, this.calls.client().snapshot());
			}
			// In a reactive pipeline the caller's context is the Reactor Context's, whichever thread subscribes.
			try (Scope scope = exchangeContext.restore()) {
				return exchange(request, next, exchangeContext);
			}
		});
	}

	/** Sends the request, in the caller's context, and records it when it ends. */
	private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, ScopeSnapshot caller) {
		String traceparent = this.calls.traceparent(request.headers());
		ClientRequest sent = (traceparent != null)
				? ClientRequest.from(request).header(OutboundCalls.TRACEPARENT, traceparent).build() : request;
		Exchange exchange = new Exchange(request.method().name(), request.url(),
				request.attributes().get(URI_TEMPLATE_ATTRIBUTE), request.headers().getContentLength(), caller);
		return next.exchange(sent)
			.doOnSuccess((response) -> exchange.end(response))
			.doOnError((ex) -> exchange.end(null))
			.doOnCancel(() -> exchange.end(null));
	}

	/** One subscription to the exchange: recorded once, whichever of response, error or cancel comes first. */
	private final class Exchange {

		private final Instant start = Instant.now();

		private final long startNanos = System.nanoTime();

		private final AtomicBoolean ended = new AtomicBoolean();

		private final String method;

		private final URI uri;

		private final @Nullable Object uriTemplate;

		private final long requestSize;

		private final ScopeSnapshot caller;

		Exchange(String method, URI uri, @Nullable Object uriTemplate, long requestSize, ScopeSnapshot caller) {
			this.method = method;
			this.uri = uri;
			this.uriTemplate = uriTemplate;
			this.requestSize = requestSize;
			this.caller = caller;
		}

		void end(@Nullable ClientResponse response) {
			if (!this.ended.compareAndSet(false, true)) {
				return;
			}
			int status = (response != null) ? response.statusCode().value() : 0;
			long responseSize = (response != null) ? response.headers().contentLength().orElse(0) : 0;
			try (Scope scope = this.caller.restore()) {
				SeeStackExchangeFilterFunction.this.calls.record(this.method, this.uri, this.uriTemplate, status,
						this.startNanos, this.start, this.requestSize, responseSize);
			}
		}

	}

}
