package io.seestack.spring.autoconfigure.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Inbound HTTP monitoring: which requests get an {@link io.seestack.HttpRequestEvent HTTP request item}, and the
 * item of each when it completes. Define a bean of this type to replace the default,
 * {@link DefaultSeeStackHttpRequestCapture}, for instance to delegate to it and add your own rules.
 */
public interface SeeStackHttpRequestCapture {

	/**
	 * Whether the request is to get an item; asked once, when the request starts. Only the response of a
	 * monitored request is wrapped to count its size.
	 */
	boolean isMonitored(HttpServletRequest request);

	/** Captures the item of a monitored request; called once, in the request's scope, when it completes. */
	void capture(CompletedRequest request);

}
