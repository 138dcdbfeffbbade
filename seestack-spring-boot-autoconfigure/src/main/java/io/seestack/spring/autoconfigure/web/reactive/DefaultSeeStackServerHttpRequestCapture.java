package io.seestack.spring.autoconfigure.web.reactive;

import io.seestack.spring.autoconfigure.web.CompletedRequest;
import io.seestack.spring.autoconfigure.web.HttpRequestMonitoring;

import org.springframework.web.server.ServerWebExchange;

/**
 * The default {@link SeeStackServerHttpRequestCapture}: one inbound {@link io.seestack.HttpRequestEvent} per
 * completed exchange, by the same rules as in a servlet application ({@code seestack.http.enabled} with a
 * {@code seestack.project-id}, {@code seestack.http.exclude-paths} matched against the path within the
 * application, {@code seestack.http.sample-rate}). The item's user is the exchange's.
 */
public class DefaultSeeStackServerHttpRequestCapture implements SeeStackServerHttpRequestCapture {

	private final HttpRequestMonitoring monitoring;

	/**
	 * Creates the capture.
	 * @param monitoring the rules shared with the servlet side
	 */
	public DefaultSeeStackServerHttpRequestCapture(HttpRequestMonitoring monitoring) {
		this.monitoring = monitoring;
	}

	@Override
	public boolean isMonitored(ServerWebExchange exchange) {
		return this.monitoring.isMonitored(() -> HttpRequestMonitoring
			.withoutPathParameters(exchange.getRequest().getPath().pathWithinApplication().value()));
	}

	@Override
	public void capture(CompletedRequest request) {
		this.monitoring.capture(request);
	}

}
