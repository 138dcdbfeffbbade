package io.seestack.spring.autoconfigure.web;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.seestack.HttpRequestEvent;
import io.seestack.SeeStackClient;

/**
 * The rules of inbound HTTP monitoring shared by the servlet and the WebFlux request captures, on plain values:
 * whether a request is monitored ({@code seestack.http.enabled} with a project id, {@code exclude-paths},
 * {@code sample-rate}), and the item of a completed request.
 */
public final class HttpRequestMonitoring {

	private final SeeStackClient client;

	private final boolean enabled;

	private final ExcludedPaths excludedPaths;

	private final double sampleRate;

	/**
	 * Creates the rules.
	 * @param client the client that captures the items
	 * @param enabled whether any request is monitored
	 * @param excludePaths patterns of paths (without the context path) that are not
	 * @param sampleRate the fraction of requests, from 0.0 to 1.0, that are
	 * @throws IllegalArgumentException if the sample rate is outside 0.0 to 1.0, or a pattern is invalid
	 */
	public HttpRequestMonitoring(SeeStackClient client, boolean enabled, List<String> excludePaths,
			double sampleRate) {
		this.client = client;
		this.enabled = enabled;
		this.excludedPaths = ExcludedPaths.of(excludePaths);
		this.sampleRate = sampleRate;
		if (!(this.sampleRate >= 0.0 && this.sampleRate <= 1.0)) {
			throw InvalidWebPropertyException.sampleRate(this.sampleRate);
		}
	}

	/**
	 * Whether a request is to get an item.
	 * @param pathWithinApplication gives the path without the context path and without {@code ;} path parameters;
	 * asked only for a request that is sampled
	 * @return whether it is monitored (sampled, and not excluded)
	 */
	public boolean isMonitored(Supplier<String> pathWithinApplication) {
		if (!this.enabled || (this.sampleRate < 1.0 && ThreadLocalRandom.current().nextDouble() >= this.sampleRate)) {
			return false;
		}
		String path = pathWithinApplication.get();
		return !this.excludedPaths.matches(path.isEmpty() ? "/" : path);
	}

	/**
	 * Captures the inbound item of a completed request, in the current scope.
	 * @param request the completed request
	 */
	public void capture(CompletedRequest request) {
		this.client.captureHttpRequest(HttpRequestEvent.builder()
			.direction(HttpRequestEvent.Direction.INBOUND)
			.method(request.method())
			.host(request.host())
			.path(request.path())
			.statusCode(request.status())
			.duration(request.duration())
			.requestSize(request.requestSize())
			.responseSize(request.responseSize())
			.traceId(request.traceId())
			.timestamp(request.start())
			.build());
	}

	/**
	 * The path without {@code ;} path parameters such as {@code ;jsessionid=...}, which may carry secrets.
	 * @param uri the raw path of a request
	 * @return the path without them
	 */
	public static String withoutPathParameters(String uri) {
		return RequestState.withoutPathParameters(uri);
	}

}
