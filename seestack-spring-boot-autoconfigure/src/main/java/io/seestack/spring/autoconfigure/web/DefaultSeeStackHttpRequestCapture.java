package io.seestack.spring.autoconfigure.web;

import java.util.List;

import io.seestack.SeeStackClient;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The default {@link SeeStackHttpRequestCapture}: one inbound {@link io.seestack.HttpRequestEvent} per completed request,
 * unless monitoring is off (no {@code seestack.project-id}, or {@code seestack.http.enabled=false}), the path
 * matches one of {@code seestack.http.exclude-paths}, or the request falls outside
 * {@code seestack.http.sample-rate}. The item's user is the request scope's.
 */
public class DefaultSeeStackHttpRequestCapture implements SeeStackHttpRequestCapture {

	private final HttpRequestMonitoring monitoring;

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
		this.monitoring = new HttpRequestMonitoring(client, enabled, excludePaths, sampleRate);
	}

	@Override
	public boolean isMonitored(HttpServletRequest request) {
		return this.monitoring.isMonitored(() -> pathWithinApplication(request));
	}

	private static String pathWithinApplication(HttpServletRequest request) {
		String path = RequestState.withoutPathParameters(request.getRequestURI());
		String contextPath = request.getContextPath();
		return (!contextPath.isEmpty() && path.startsWith(contextPath)) ? path.substring(contextPath.length()) : path;
	}

	@Override
	public void capture(CompletedRequest request) {
		this.monitoring.capture(request);
	}

}
