package io.seestack.internal.payload;

import io.seestack.Feature;

/**
 * An event as the caller handed it over: cheap to make on the caller's thread. It becomes a JSON payload only on
 * the delivery thread, through {@link PayloadFactory}.
 */
public sealed interface CapturedEvent permits CapturedError, CapturedLog, CapturedHttpRequest, CapturedHeartbeat {

	Feature feature();

	/**
	 * About how many bytes of heap the event holds until it is sent, for the SDK's memory limit. The same every
	 * time it is asked, so that what is added to a buffer's count is what is taken off it.
	 */
	long weight();

}
