package io.seestack;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One log entry, built fluently and sent by its level method; from {@link SeeStackClient#log()}:
 *
 * <pre>{@code
 * SeeStack.log()
 *     .labels("user_action", "profile")
 *     .with("action", "update_bio")
 *     .correlationId("req_78910")
 *     .info("Profile updated");
 * }</pre>
 *
 * Everything is sent in the log's metadata, with the user, IP, trace id and tags of the current scope: labels as
 * {@code labels}, entries under their keys, tags merged into the scope's {@code tags}, and the correlation id as
 * {@code correlationId} (the scope's trace id when not given). Like
 * {@link SeeStackClient#captureLog(Level, String, java.util.Map) captureLog}, it never throws, and what it holds is
 * copied when the level method is called. A builder sends once: use a new one per entry.
 */
public interface LogBuilder {

	/** Adds labels, such as {@code "user_action"}, sent as the list {@code labels}. */
	LogBuilder labels(String... labels);

	/** Adds a tag (a key and a short value), merged with the scope's tags; a {@code null} value is ignored. */
	LogBuilder tag(String key, @Nullable String value);

	/** Adds a metadata entry; values are copied like metadata (secrets masked). */
	LogBuilder with(String key, @Nullable Object value);

	/** The id that ties this entry to others; defaults to the scope's trace id. */
	LogBuilder correlationId(@Nullable String correlationId);

	/**
	 * The user of this entry instead of the scope's, for an integration that logs on behalf of another thread (an
	 * asynchronous log appender, say). Such an entry is not held for {@code identify(user, true)}.
	 */
	LogBuilder user(@Nullable User user);

	/** The trace id of this entry instead of the scope's, for the same integrations as {@link #user(User)}. */
	LogBuilder traceId(@Nullable String traceId);

	/** When the entry happened, if not now (an integration sending what was logged earlier). */
	LogBuilder timestamp(@Nullable Instant timestamp);

	/** Sends the entry at the level. */
	void log(Level level, @Nullable String message);

	default void debug(@Nullable String message) {
		log(Level.DEBUG, message);
	}

	default void info(@Nullable String message) {
		log(Level.INFO, message);
	}

	default void warn(@Nullable String message) {
		log(Level.WARN, message);
	}

	default void error(@Nullable String message) {
		log(Level.ERROR, message);
	}

	default void fatal(@Nullable String message) {
		log(Level.FATAL, message);
	}

}
