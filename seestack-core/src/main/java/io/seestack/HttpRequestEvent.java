package io.seestack;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request, received ({@link Direction#INBOUND}) or made ({@link Direction#OUTBOUND}) by the
 * application, for {@link SeeStackClient#captureHttpRequest(HttpRequestEvent)}.
 *
 * <p>The query string is stripped from {@code path} before sending, since it may carry secrets. When no
 * {@code userId} is given, the current user's id is used; when no {@code traceId} is given, one is generated.
 */
public final class HttpRequestEvent {

	/** Whether the application received or made the request. */
	public enum Direction {

		INBOUND, OUTBOUND;

		/** The value the ingest API expects. */
		public String wireName() {
			return (this == INBOUND) ? "inbound" : "outbound";
		}

	}

	private final Direction direction;

	private final String method;

	private final String host;

	private final String path;

	private final int statusCode;

	private final Duration duration;

	private final long requestSize;

	private final long responseSize;

	private final @Nullable String userId;

	private final @Nullable String traceId;

	private final Instant timestamp;

	private HttpRequestEvent(Builder builder) {
		this.direction = builder.direction;
		this.method = builder.method;
		this.host = builder.host;
		this.path = builder.path;
		this.statusCode = builder.statusCode;
		this.duration = builder.duration;
		this.requestSize = builder.requestSize;
		this.responseSize = builder.responseSize;
		this.userId = builder.userId;
		this.traceId = builder.traceId;
		this.timestamp = (builder.timestamp != null) ? builder.timestamp : Instant.now();
	}

	public static Builder builder() {
		return new Builder();
	}

	public Direction direction() {
		return this.direction;
	}

	public String method() {
		return this.method;
	}

	public String host() {
		return this.host;
	}

	public String path() {
		return this.path;
	}

	public int statusCode() {
		return this.statusCode;
	}

	public Duration duration() {
		return this.duration;
	}

	public long requestSize() {
		return this.requestSize;
	}

	public long responseSize() {
		return this.responseSize;
	}

	public @Nullable String userId() {
		return this.userId;
	}

	public @Nullable String traceId() {
		return this.traceId;
	}

	public Instant timestamp() {
		return this.timestamp;
	}

	/** Builds an {@link HttpRequestEvent}; unset sizes are 0, unset method {@code GET}. */
	public static final class Builder {

		private Direction direction = Direction.INBOUND;

		private String method = "GET";

		private String host = "unknown";

		private String path = "/";

		private int statusCode;

		private Duration duration = Duration.ZERO;

		private long requestSize;

		private long responseSize;

		private @Nullable String userId;

		private @Nullable String traceId;

		private @Nullable Instant timestamp;

		private Builder() {
		}

		public Builder direction(@Nullable Direction direction) {
			this.direction = (direction != null) ? direction : Direction.INBOUND;
			return this;
		}

		public Builder method(@Nullable String method) {
			this.method = (method != null) ? method : "GET";
			return this;
		}

		/** The host name without scheme, for example {@code api.example.com}. */
		public Builder host(@Nullable String host) {
			this.host = (host != null) ? host : "unknown";
			return this;
		}

		/** The path; anything from {@code ?} on is dropped when sent. */
		public Builder path(@Nullable String path) {
			this.path = (path != null) ? path : "/";
			return this;
		}

		public Builder statusCode(int statusCode) {
			this.statusCode = statusCode;
			return this;
		}

		public Builder duration(@Nullable Duration duration) {
			this.duration = (duration != null) ? duration : Duration.ZERO;
			return this;
		}

		public Builder requestSize(long requestSize) {
			this.requestSize = requestSize;
			return this;
		}

		public Builder responseSize(long responseSize) {
			this.responseSize = responseSize;
			return this;
		}

		/** Overrides the current user's id for this item. */
		public Builder userId(@Nullable String userId) {
			this.userId = userId;
			return this;
		}

		public Builder traceId(@Nullable String traceId) {
			this.traceId = traceId;
			return this;
		}

		public Builder timestamp(@Nullable Instant timestamp) {
			this.timestamp = timestamp;
			return this;
		}

		public HttpRequestEvent build() {
			return new HttpRequestEvent(this);
		}

	}

}
