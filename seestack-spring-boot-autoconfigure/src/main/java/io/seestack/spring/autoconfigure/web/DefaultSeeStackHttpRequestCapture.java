package io.seestack.spring.autoconfigure.web;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.seestack.HttpRequestEvent;
import io.seestack.SeeStackClient;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The default {@link SeeStackHttpRequestCapture}: one inbound {@link HttpRequestEvent} per completed request,
 * unless monitoring is off (no {@code seestack.project-id}, or {@code seestack.http.enabled=false}), the path
 * matches one of {@code seestack.http.exclude-paths}, or the request falls outside
 * {@code seestack.http.sample-rate}. The item's user is the request scope's.
 */
public class DefaultSeeStackHttpRequestCapture implements SeeStackHttpRequestCapture {

	private final SeeStackClient client;

	private final boolean enabled;

	private final ExcludedPaths excludedPaths;

	private final double sampleRate;

	/**
	 * Creates the capture.
	 * @param client the client that captures the items
	 * @param enabled whether any request is monitored
	 * @param excludePaths Ant-style patterns of paths (without the context path) that are not
	 * @param sampleRate the fraction of requests, from 0.0 to 1.0, that are
	 * @throws InvalidWebPropertyException if the sample rate is outside 0.0 to 1.0, or a pattern is invalid
	 */
	public DefaultSeeStackHttpRequestCapture(SeeStackClient client, boolean enabled, List<String> excludePaths,
			double sampleRate) {
		this.client = client;
		this.enabled = enabled;
		this.excludedPaths = ExcludedPaths.of(excludePaths);
		this.sampleRate = sampleRate;
		if (!(this.sampleRate >= 0.0 && this.sampleRate <= 1.0)) {
			throw InvalidWebPropertyException.sampleRate(this.sampleRate);
		}
	}

	@Override
	public boolean isMonitored(HttpServletRequest request) {
		if (!this.enabled || (this.sampleRate < 1.0 && ThreadLocalRandom.current().nextDouble() >= this.sampleRate)) {
			return false;
		}
		String path = RequestState.withoutPathParameters(request.getRequestURI());
		String contextPath = request.getContextPath();
		if (!contextPath.isEmpty() && path.startsWith(contextPath)) {
			path = path.substring(contextPath.length());
		}
		return !this.excludedPaths.matches(path.isEmpty() ? "/" : path);
	}

	@Override
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

}
