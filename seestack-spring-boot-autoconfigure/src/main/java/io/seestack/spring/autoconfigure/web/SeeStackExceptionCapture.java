package io.seestack.spring.autoconfigure.web;

/**
 * Decides, once a request has its final status, whether its exception is captured, and captures it. Define a
 * bean of this type to replace the default, {@link DefaultSeeStackExceptionCapture}; it may delegate to it.
 */
@FunctionalInterface
public interface SeeStackExceptionCapture {

	/**
	 * Called once for every completed request that had an exception ({@link CompletedRequest#hasException()}), in
	 * the request's scope, so that {@code SeeStackClient.captureError} attributes it to the request's user.
	 */
	void capture(CompletedRequest request);

}
