package io.seestack.spring.autoconfigure.web;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.seestack.HttpRequestEvent;
import io.seestack.SeeStackClient;
import io.seestack.User;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Inbound HTTP monitoring: one {@link HttpRequestEvent} per completed request, unless {@code seestack.http.enabled}
 * is false, no {@code seestack.project-id} is set, the path matches {@code seestack.http.exclude-paths}, or the
 * request falls outside {@code seestack.http.sample-rate}.
 */
final class HttpRequestMonitor {

	private final SeeStackClient client;

	private final boolean enabled;

	private final ExcludedPaths excludedPaths;

	private final double sampleRate;

	HttpRequestMonitor(SeeStackClient client, SeeStackProperties properties) {
		this.client = client;
		String projectId = properties.getProjectId();
		this.enabled = properties.getHttp().isEnabled() && projectId != null && !projectId.isBlank();
		this.excludedPaths = ExcludedPaths.of(properties.getHttp().getExcludePaths());
		this.sampleRate = properties.getHttp().getSampleRate();
		if (!(this.sampleRate >= 0.0 && this.sampleRate <= 1.0)) {
			throw InvalidWebPropertyException.sampleRate(this.sampleRate);
		}
	}

	boolean isEnabled() {
		return this.enabled;
	}

	/** Whether the request is to get an HTTP request item. */
	boolean isMonitored(HttpServletRequest request) {
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

	/** Captures the item of a completed request. */
	void capture(RequestState state, int status) {
		if (!state.monitored) {
			return;
		}
		User user = state.user();
		this.client.captureHttpRequest(HttpRequestEvent.builder()
			.direction(HttpRequestEvent.Direction.INBOUND)
			.method(state.method)
			.host(state.host)
			.path(state.path)
			.statusCode(status)
			.duration(Duration.ofNanos(System.nanoTime() - state.startNanos))
			.requestSize(state.requestSize)
			.responseSize(state.responseSize.get())
			.userId((user != null) ? user.id() : null)
			.traceId(state.traceId)
			.timestamp(state.start)
			.build());
	}

}
