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

	/** The throwable itself stays reachable until its frames are read on the delivery thread: counted as 4 KB. */
	@Override
	public long weight() {
		long weight = 4096 + Sanitizer.weightOf(this.metadata);
		for (ThrowableCopy copy = this.error; copy != null; copy = copy.cause()) {
			weight += 128 + 2L * copy.message().length();
		}
		return weight;
	}

	@Override
	public Feature feature() {
		return Feature.ERRORS;
	}

}
