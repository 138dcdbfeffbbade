package io.seestack.spring.autoconfigure.web.reactive;

import io.seestack.spring.autoconfigure.web.CompletedRequest;

import org.springframework.web.server.ServerWebExchange;

/**
 * Inbound HTTP monitoring in a WebFlux application: which exchanges get an
 * {@link io.seestack.HttpRequestEvent HTTP request item}, and the item of each when it completes. Define a bean of
 * this type to replace the default, {@link DefaultSeeStackServerHttpRequestCapture}, for instance to delegate to it
 * and add your own rules.
 */
public interface SeeStackServerHttpRequestCapture {

	/** Whether the exchange is to get an item; asked once, when it starts, on the server's thread. */
	boolean isMonitored(ServerWebExchange exchange);

	/** Captures the item of a monitored exchange; called once, in the exchange's scope, when it completes. */
	void capture(CompletedRequest request);

}
