package io.seestack.internal.payload;

import java.time.Instant;
import java.util.Map;

import io.seestack.Feature;
import io.seestack.Level;
import io.seestack.User;
import org.jspecify.annotations.Nullable;

/**
 * A captured log entry. Its user may still change while the scope that captured it holds it: that is how
 * {@code identify(user, true)} attributes earlier logs.
 */
public final class CapturedLog implements CapturedEvent {

	private final Level level;

	private final @Nullable String message;

	private final Map<String, ?> metadata;

	private final @Nullable String traceId;

	private final Instant timestamp;

	private volatile @Nullable User user;

	public CapturedLog(Level level, @Nullable String message, Map<String, ?> metadata, @Nullable User user,
			@Nullable String traceId, Instant timestamp) {
		this.level = level;
		this.message = message;
		this.metadata = metadata;
		this.user = user;
		this.traceId = traceId;
		this.timestamp = timestamp;
	}

	@Override
	public Feature feature() {
		return Feature.LOGS;
	}

	public Level level() {
		return this.level;
	}

	public @Nullable String message() {
		return this.message;
	}

	public Map<String, ?> metadata() {
		return this.metadata;
	}

	public @Nullable String traceId() {
		return this.traceId;
	}

	public Instant timestamp() {
		return this.timestamp;
	}

	public @Nullable User user() {
		return this.user;
	}

	/** Re-attributes the log; only the scope holding it calls this. */
	public void attributeTo(@Nullable User user) {
		this.user = user;
	}

}
