package io.seestack;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import io.seestack.internal.DefaultSeeStackClient;
import io.seestack.internal.NoopSeeStackClient;
import org.jspecify.annotations.Nullable;

/**
 * A SeeStack SDK instance: the user context, capture, and delivery to one ingest host.
 *
 * <p>No capture method throws or blocks the caller, whatever the backend does and whatever it is given; after the
 * client is {@link #close() closed}, or disabled by an invalid API key, every method is a no-op. The static
 * {@link SeeStack} facade delegates to one client; Spring applications get one injected.
 *
 * <p><b>Which user an event carries:</b> the user given with the event, else the current {@link Scope scope}'s
 * user (the nearest enclosing scope that set or cleared one), else the global user; an event whose user has no IP
 * carries the scope's.
 */
public interface SeeStackClient extends AutoCloseable {

	/**
	 * Creates a client that delivers to the options' host.
	 * @throws IllegalArgumentException never for valid options (they were checked when built)
	 */
	static SeeStackClient create(SeeStackOptions options) {
		return new DefaultSeeStackClient(options);
	}

	/** A client that does nothing, safely: every call works and has no effect. */
	static SeeStackClient noop() {
		return NoopSeeStackClient.INSTANCE;
	}

	/** Whether events are being captured: false for the no-op client, after {@link #close()}, or after a 401. */
	boolean isEnabled();

	/** Why the client stopped sending (for example the backend answered 401), or empty while it sends. */
	Optional<String> disabledReason();

	/** Events waiting to be sent for the feature (not counting those in flight). */
	int bufferedCount(Feature feature);

	/** What the client is doing: mode, target, counters per feature, and in local mode the recent payloads. */
	SeeStackStatus status();

	// --- user context

	/**
	 * Sets the user of the current {@link Scope scope}; {@code null} makes it anonymous. Affects only events
	 * captured after this call. Outside every scope it sets the global user, but only on the thread that created
	 * the client (the application's setup); on any other thread it is ignored with a warning, since the global
	 * user is carried by every thread's unscoped events: open a scope per unit of work, or call
	 * {@link #setGlobalUser(User)} to mean it.
	 */
	void setUser(@Nullable User user);

	/** Makes the current scope anonymous; outside every scope, clears the global user as {@link #setUser} would. */
	void clearUser();

	/**
	 * Sets the process-wide user, which every event captured outside a scope carries, whichever thread calls it.
	 * For an application with one user per process (a desktop or command-line tool).
	 */
	void setGlobalUser(@Nullable User user);

	/** The user that an event captured now would carry (without the scope's IP, which events add). */
	Optional<User> getCurrentUser();

	/**
	 * Sets the user like {@link #setUser(User)}; with {@code updatePreviousLogs}, logs captured earlier in the
	 * current scope and not yet sent (the scope holds them until it closes) are sent with this user too.
	 */
	void identify(@Nullable User user, boolean updatePreviousLogs);

	/**
	 * Ends the user's session: makes the current scope anonymous (its IP stays), and releases the logs that scope
	 * held, so that a later {@code identify(other, true)} cannot attribute them to someone else. Other scopes, of
	 * concurrent requests, keep theirs.
	 */
	void logout();

	// --- scopes

	/** Opens a scope, current on this thread until closed; it inherits what it does not set from the enclosing one. */
	Scope openScope();

	/** The scope current on this thread, if any. */
	Optional<Scope> currentScope();

	/** An immutable copy of this thread's context, to restore on another thread; empty outside every scope. */
	ScopeSnapshot snapshot();

	/**
	 * Wraps a task so that, wherever it runs, it carries the caller's context as it is now (a
	 * {@link #snapshot() snapshot}), and the running thread's own context is restored afterwards.
	 */
	Runnable wrap(Runnable task);

	/** Like {@link #wrap(Runnable)}, for a {@link Callable}. */
	<T> Callable<T> wrap(Callable<T> task);

	/** An executor that runs each task with the context of the thread that submitted it. */
	Executor wrap(Executor executor);

	/**
	 * An executor service that runs each task with the context of the thread that submitted it; shutting it down
	 * shuts down the one it wraps.
	 */
	ExecutorService wrap(ExecutorService executor);

	// --- capture

	/**
	 * Captures an error at level {@code ERROR} with the current user. A throwable is captured once per unit of
	 * work (its scope and the scopes and snapshots taken from it), so the same instance thrown in two requests is
	 * two errors. Everything sent is copied before this returns: nothing of the throwable is read afterwards.
	 */
	void captureError(@Nullable Throwable error);

	/**
	 * Captures an error with extra details, like {@link #captureError(Throwable)}. The metadata is copied before
	 * this returns (maps, collections, arrays and records as JSON values, any other object as its
	 * {@code toString()}), so changes made to it afterwards are not sent.
	 */
	void captureError(@Nullable Throwable error, @Nullable ErrorContext context);

	/** Captures a log entry with the current user in its metadata. */
	void captureLog(@Nullable Level level, @Nullable String message, @Nullable Map<String, ?> metadata);

	/** A log entry to build with labels, tags, entries and a correlation id, sent by its level method. */
	LogBuilder log();

	/** Captures an HTTP request item; ignored (with one warning) when no project id is configured. */
	void captureHttpRequest(@Nullable HttpRequestEvent event);

	/** Starts timing a job whose cron monitor has the given slug (lowercase letters, digits, hyphens). */
	JobHandle startJob(String slug);

	/** Sends the job's heartbeat with its duration; the message is optional. */
	void finishJob(@Nullable JobHandle handle, @Nullable JobStatus status, @Nullable String message);

	/**
	 * Sends the heartbeat of a job that threw: {@code failed}, with its duration and the error's message (its type
	 * when it has none), and captures the error with the job's slug in metadata {@value JobHandle#SLUG_METADATA_KEY}.
	 * The error is not rethrown: that is the caller's part.
	 */
	default void failJob(@Nullable JobHandle handle, @Nullable Throwable error) {
		if (handle == null) {
			return;
		}
		if (error != null) {
			captureError(error, ErrorContext.builder().metadata(JobHandle.SLUG_METADATA_KEY, handle.slug()).build());
		}
		finishJob(handle, JobStatus.FAILED, (error != null) ? failureMessage(error) : null);
	}

	/**
	 * Runs a job on the calling thread and sends its cron monitor's heartbeat: {@code success} with its duration
	 * when it returns; when it throws, what {@link #failJob(JobHandle, Throwable)} sends, and the exception is
	 * rethrown as it is. Runs that overlap (the same slug on two threads) are timed and reported each on its own.
	 * When the client is disabled the job runs all the same, and nothing is sent. Heartbeats carry no user.
	 * @param slug the cron monitor's slug (lowercase letters, digits, hyphens); with an invalid one the job runs
	 * and its heartbeat is not sent
	 * @param job the job
	 */
	default void monitor(String slug, Runnable job) {
		JobHandle handle = startJob(slug);
		try {
			job.run();
		}
		catch (RuntimeException | Error ex) {
			failJob(handle, ex);
			throw ex;
		}
		finishJob(handle, JobStatus.SUCCESS, null);
	}

	/**
	 * Like {@link #monitor(String, Runnable)}, for a job that returns a value or throws a checked exception, which
	 * is rethrown as it is.
	 * @param <T> the type of the job's result
	 * @param slug the cron monitor's slug
	 * @param job the job
	 * @return what the job returned
	 * @throws Exception whatever the job threw
	 */
	default <T> T monitor(String slug, Callable<T> job) throws Exception {
		JobHandle handle = startJob(slug);
		T result;
		try {
			result = job.call();
		}
		catch (Exception | Error ex) {
			failJob(handle, ex);
			throw ex;
		}
		finishJob(handle, JobStatus.SUCCESS, null);
		return result;
	}

	/** The message of a failed job's heartbeat: the error's, or its type when it has none. */
	private static String failureMessage(Throwable error) {
		String message = error.getMessage();
		return (message != null && !message.isBlank()) ? message : error.getClass().getName();
	}

	// --- delivery

	/** Sends everything captured so far and waits up to 5 seconds; true if all of it was delivered. */
	default boolean flush() {
		return flush(Duration.ofSeconds(5));
	}

	/**
	 * Sends everything captured so far and waits up to {@code timeout}. Returns true if everything captured since
	 * the previous flush was delivered; false if something is still pending at the deadline, or was dropped (rejected
	 * by the backend, retries exhausted, buffer full is not counted here). {@code Duration.ZERO} only starts the
	 * sending and never blocks.
	 */
	boolean flush(Duration timeout);

	/** Flushes with a 5 second deadline, then stops; idempotent. Events still unsent then are dropped. */
	@Override
	void close();

}
