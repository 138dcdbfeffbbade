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

	private final Map<String, Object> metadata;

	private final @Nullable String traceId;

	private final @Nullable String ip;

	private final Map<String, String> tags;

	private final Instant timestamp;

	private volatile @Nullable User user;

	private final long weight;

	/**
	 * @param metadata a JSON-safe copy, made on the capturing thread
	 * @param ip the unit of work's client IP, sent when the user has none of its own
	 */
	public CapturedLog(Level level, @Nullable String message, Map<String, Object> metadata, @Nullable User user,
			@Nullable String ip, @Nullable String traceId, Map<String, String> tags, Instant timestamp) {
		this.level = level;
		this.message = (message != null) ? PayloadFactory.keptAtCapture(message, PayloadFactory.MAX_LOG_MESSAGE)
				: null;
		this.metadata = metadata;
		this.user = user;
		this.ip = ip;
		this.traceId = traceId;
		this.tags = tags;
		this.timestamp = timestamp;
		this.weight = 256 + ((this.message != null) ? 2L * this.message.length() : 0) + Sanitizer.weightOf(metadata);
	}

	@Override
	public Feature feature() {
		return Feature.LOGS;
	}

	public Level level() {
		return this.level;
	}

	@Override
	public long weight() {
		return this.weight;
	}

	public @Nullable String message() {
		return this.message;
	}

	public Map<String, Object> metadata() {
		return this.metadata;
	}

	public @Nullable String ip() {
		return this.ip;
	}

	public Map<String, String> tags() {
		return this.tags;
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
