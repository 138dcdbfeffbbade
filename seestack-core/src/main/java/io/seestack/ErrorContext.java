package io.seestack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Optional details for one {@link SeeStackClient#captureError(Throwable, ErrorContext) captured error}: its
 * level (default {@link Level#ERROR}), a user that overrides the scope's and the global one, metadata, and a
 * session id (sent in metadata as {@code sessionId}).
 */
public final class ErrorContext {

	private static final ErrorContext EMPTY = builder().build();

	private final Level level;

	private final @Nullable User user;

	private final Map<String, @Nullable Object> metadata;

	private final @Nullable String sessionId;

	private ErrorContext(Builder builder) {
		this.level = builder.level;
		this.user = builder.user;
		this.metadata = builder.metadata.isEmpty() ? Map.of()
				: Collections.unmodifiableMap(new LinkedHashMap<>(builder.metadata));
		this.sessionId = builder.sessionId;
	}

	/** The context with no details: level {@code ERROR}, no user override, no metadata. */
	public static ErrorContext empty() {
		return EMPTY;
	}

	public static Builder builder() {
		return new Builder();
	}

	public Level level() {
		return this.level;
	}

	public @Nullable User user() {
		return this.user;
	}

	public Map<String, @Nullable Object> metadata() {
		return this.metadata;
	}

	public @Nullable String sessionId() {
		return this.sessionId;
	}

	/** Builds an {@link ErrorContext}. */
	public static final class Builder {

		private Level level = Level.ERROR;

		private @Nullable User user;

		private final Map<String, @Nullable Object> metadata = new LinkedHashMap<>();

		private @Nullable String sessionId;

		private Builder() {
		}

		/** The severity; {@code null} keeps {@link Level#ERROR}. */
		public Builder level(@Nullable Level level) {
			this.level = (level != null) ? level : Level.ERROR;
			return this;
		}

		/** A user for this event only, taking precedence over the scope's and the global user. */
		public Builder user(@Nullable User user) {
			this.user = user;
			return this;
		}

		/** Adds all entries; keys that look secret are masked when sent. */
		public Builder metadata(@Nullable Map<String, ?> metadata) {
			if (metadata != null) {
				metadata.forEach(this::metadata);
			}
			return this;
		}

		/** Adds one entry; a {@code null} key is ignored. */
		public Builder metadata(@Nullable String key, @Nullable Object value) {
			if (key != null) {
				this.metadata.put(key, value);
			}
			return this;
		}

		public Builder sessionId(@Nullable String sessionId) {
			this.sessionId = sessionId;
			return this;
		}

		public ErrorContext build() {
			return new ErrorContext(this);
		}

	}

}
