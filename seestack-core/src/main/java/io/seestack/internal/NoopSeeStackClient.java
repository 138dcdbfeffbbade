package io.seestack.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import io.seestack.ErrorContext;
import io.seestack.Feature;
import io.seestack.HttpRequestEvent;
import io.seestack.JobHandle;
import io.seestack.JobStatus;
import io.seestack.Level;
import io.seestack.LogBuilder;
import io.seestack.Scope;
import io.seestack.ScopeSnapshot;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackStatus;
import io.seestack.User;
import org.jspecify.annotations.Nullable;

/** The client before {@code init}, after {@code close}, or when switched off: every call works and does nothing. */
public final class NoopSeeStackClient implements SeeStackClient {

	public static final NoopSeeStackClient INSTANCE = new NoopSeeStackClient();

	/** Does nothing: every value reads as unset. */
	private static final Scope NOOP_SCOPE = new Scope() {

		@Override
		public void setUser(@Nullable User user) {
		}

		@Override
		public void clearUser() {
		}

		@Override
		public Optional<User> user() {
			return Optional.empty();
		}

		@Override
		public void setIp(@Nullable String ip) {
		}

		@Override
		public @Nullable String ip() {
			return null;
		}

		@Override
		public void setTraceId(@Nullable String traceId) {
		}

		@Override
		public @Nullable String traceId() {
			return null;
		}

		@Override
		public void setSessionId(@Nullable String sessionId) {
		}

		@Override
		public @Nullable String sessionId() {
			return null;
		}

		@Override
		public void setTag(String key, @Nullable String value) {
		}

		@Override
		public Map<String, String> tags() {
			return Map.of();
		}

		@Override
		public void close() {
		}

	};

	/** Restores nothing: the no-op client keeps no context to carry. */
	private static final ScopeSnapshot NOOP_SNAPSHOT = new ScopeSnapshot() {

		@Override
		public Scope restore() {
			return NOOP_SCOPE;
		}

		@Override
		public boolean isEmpty() {
			return true;
		}

		@Override
		public Runnable wrap(Runnable task) {
			return task;
		}

		@Override
		public <T> Callable<T> wrap(Callable<T> task) {
			return task;
		}

	};

	/** Takes everything and sends nothing. */
	private static final LogBuilder NOOP_LOG = new LogBuilder() {

		@Override
		public LogBuilder labels(String... labels) {
			return this;
		}

		@Override
		public LogBuilder tag(String key, @Nullable String value) {
			return this;
		}

		@Override
		public LogBuilder with(String key, @Nullable Object value) {
			return this;
		}

		@Override
		public LogBuilder correlationId(@Nullable String correlationId) {
			return this;
		}

		@Override
		public LogBuilder user(@Nullable User user) {
			return this;
		}

		@Override
		public LogBuilder traceId(@Nullable String traceId) {
			return this;
		}

		@Override
		public LogBuilder timestamp(java.time.@Nullable Instant timestamp) {
			return this;
		}

		@Override
		public void log(Level level, @Nullable String message) {
		}

	};

	private NoopSeeStackClient() {
	}

	@Override
	public boolean isEnabled() {
		return false;
	}

	@Override
	public Optional<String> disabledReason() {
		return Optional.empty();
	}

	@Override
	public int bufferedCount(Feature feature) {
		return 0;
	}

	@Override
	public SeeStackStatus status() {
		return new SeeStackStatus(SeeStackStatus.Mode.OFF, "none", null, Map.of(), List.of());
	}

	@Override
	public void setUser(@Nullable User user) {
	}

	@Override
	public void clearUser() {
	}

	@Override
	public void setGlobalUser(@Nullable User user) {
	}

	@Override
	public Optional<User> getCurrentUser() {
		return Optional.empty();
	}

	@Override
	public void identify(@Nullable User user, boolean updatePreviousLogs) {
	}

	@Override
	public void logout() {
	}

	@Override
	public Scope openScope() {
		return NOOP_SCOPE;
	}

	@Override
	public Optional<Scope> currentScope() {
		return Optional.empty();
	}

	@Override
	public ScopeSnapshot snapshot() {
		return NOOP_SNAPSHOT;
	}

	@Override
	public Executor wrap(Executor executor) {
		return executor;
	}

	@Override
	public ExecutorService wrap(ExecutorService executor) {
		return executor;
	}

	@Override
	public Runnable wrap(Runnable task) {
		return task;
	}

	@Override
	public <T> Callable<T> wrap(Callable<T> task) {
		return task;
	}

	@Override
	public void captureError(@Nullable Throwable error) {
	}

	@Override
	public void captureError(@Nullable Throwable error, @Nullable ErrorContext context) {
	}

	@Override
	public void captureLog(@Nullable Level level, @Nullable String message, @Nullable Map<String, ?> metadata) {
	}

	@Override
	public LogBuilder log() {
		return NOOP_LOG;
	}

	@Override
	public void captureHttpRequest(@Nullable HttpRequestEvent event) {
	}

	@Override
	public JobHandle startJob(String slug) {
		return new JobHandle(slug, System.nanoTime());
	}

	@Override
	public void finishJob(@Nullable JobHandle handle, @Nullable JobStatus status, @Nullable String message) {
	}

	@Override
	public boolean flush(Duration timeout) {
		return true;
	}

	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return "SeeStackClient(no-op)";
	}

}
