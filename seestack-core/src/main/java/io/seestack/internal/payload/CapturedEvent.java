package io.seestack.internal.payload;

import io.seestack.Feature;

/**
 * An event as the caller handed it over: cheap to make on the caller's thread. It becomes a JSON payload only on
 * the delivery thread, through {@link PayloadFactory}.
 */
public sealed interface CapturedEvent permits CapturedError, CapturedLog, CapturedHttpRequest, CapturedHeartbeat {

	Feature feature();

}
