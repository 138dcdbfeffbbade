package io.seestack.internal.payload;

import java.time.Instant;
import java.util.Map;

import io.seestack.Feature;
import io.seestack.Level;
import io.seestack.User;
import org.jspecify.annotations.Nullable;

/**
 * A captured throwable with the user and context resolved at capture time, and how many identical errors were
 * held back by the rate limit since the previous one was let through.
 */
public record CapturedError(Throwable error, Level level, @Nullable User user, Map<String, ?> metadata,
		@Nullable String sessionId, @Nullable String traceId, Instant timestamp, long suppressed)
		implements CapturedEvent {

	@Override
	public Feature feature() {
		return Feature.ERRORS;
	}

}
