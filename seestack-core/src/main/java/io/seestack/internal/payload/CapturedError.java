package io.seestack.internal.payload;

import java.time.Instant;
import java.util.Map;

import io.seestack.Feature;
import io.seestack.Level;
import io.seestack.User;
import org.jspecify.annotations.Nullable;

/**
 * A captured error, everything of it copied on the capturing thread: the throwable as a {@link ThrowableCopy},
 * the metadata as JSON-safe values, the user and IP resolved, and how many identical errors the rate limit held
 * back since the previous one was let through.
 *
 * @param ip the unit of work's client IP, sent when the user has none of its own
 */
public record CapturedError(ThrowableCopy error, Level level, @Nullable User user, @Nullable String ip,
		Map<String, Object> metadata, @Nullable String sessionId, @Nullable String traceId, Map<String, String> tags,
		Instant timestamp, Suppressed suppressed) implements CapturedEvent {

	@Override
	public Feature feature() {
		return Feature.ERRORS;
	}

}
