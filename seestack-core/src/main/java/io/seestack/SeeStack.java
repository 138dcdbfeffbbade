package io.seestack;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import io.seestack.internal.NoopSeeStackClient;
import io.seestack.internal.SdkLog;
import org.jspecify.annotations.Nullable;

/**
 * The static entry point: {@link #init(SeeStackOptions)} once at startup, then capture from anywhere. Every method
 * before {@code init} (or after {@link #close()}) is a silent no-op. The methods mirror {@link SeeStackClient}.
 */
public final class SeeStack {

	private static final SdkLog log = SdkLog.get(SeeStack.class);

	private static volatile SeeStackClient client = NoopSeeStackClient.INSTANCE;

	private static boolean warnedAboutSecondInit;

	private SeeStack() {
	}

	/**
	 * Creates the global client. A second call while one is installed logs one warning and is ignored.
	 * @throws IllegalArgumentException if options are missing (build them with {@link SeeStackOptions#builder()},
	 * which checks them)
	 */
	public static synchronized void init(SeeStackOptions options) {
		if (options == null) {
			throw new IllegalArgumentException("SeeStack.init needs options: SeeStackOptions.builder().apiKey(...).build()");
		}
		if (client != NoopSeeStackClient.INSTANCE) {
			if (!warnedAboutSecondInit) {
				warnedAboutSecondInit = true;
				log.warn("SeeStack.init was called again; the second call is ignored (call SeeStack.close() first to re-initialise)");
			}
			return;
		}
		client = SeeStackClient.create(options);
	}

	/**
	 * Installs a client created elsewhere (the Spring Boot starter uses this so that static calls and injected
	 * beans share one client). Returns false, changing nothing, if another client is already installed.
	 */
	public static synchronized boolean install(SeeStackClient newClient) {
		if (client != NoopSeeStackClient.INSTANCE && client != newClient) {
			return false;
		}
		client = newClient;
		return true;
	}

	/** Uninstalls the client if it is the installed one, without closing it. */
	public static synchronized void uninstall(SeeStackClient installed) {
		if (client == installed) {
			client = NoopSeeStackClient.INSTANCE;
		}
	}

	/** The installed client, or the no-op client. */
	public static SeeStackClient getClient() {
		return client;
	}

	/** Flushes and closes the global client; afterwards {@link #init} may be called again. */
	public static void close() {
		SeeStackClient closing;
		synchronized (SeeStack.class) {
			closing = client;
			client = NoopSeeStackClient.INSTANCE;
			warnedAboutSecondInit = false;
		}
		closing.close();
	}

	public static void setUser(@Nullable User user) {
		client.setUser(user);
	}

	public static void clearUser() {
		client.clearUser();
	}

	public static void setGlobalUser(@Nullable User user) {
		client.setGlobalUser(user);
	}

	public static Optional<User> getCurrentUser() {
		return client.getCurrentUser();
	}

	public static void identify(@Nullable User user, boolean updatePreviousLogs) {
		client.identify(user, updatePreviousLogs);
	}

	public static void logout() {
		client.logout();
	}

	public static Scope openScope() {
		return client.openScope();
	}

	public static Optional<Scope> currentScope() {
		return client.currentScope();
	}

	public static ScopeSnapshot snapshot() {
		return client.snapshot();
	}

	public static Executor wrap(Executor executor) {
		return client.wrap(executor);
	}

	public static ExecutorService wrap(ExecutorService executor) {
		return client.wrap(executor);
	}

	public static Runnable wrap(Runnable task) {
		return client.wrap(task);
	}

	public static <T> Callable<T> wrap(Callable<T> task) {
		return client.wrap(task);
	}

	public static void captureError(@Nullable Throwable error) {
		client.captureError(error);
	}

	public static void captureError(@Nullable Throwable error, @Nullable ErrorContext context) {
		client.captureError(error, context);
	}

	public static void captureLog(@Nullable Level level, @Nullable String message, @Nullable Map<String, ?> metadata) {
		client.captureLog(level, message, metadata);
	}

	public static LogBuilder log() {
		return client.log();
	}

	public static void captureHttpRequest(@Nullable HttpRequestEvent event) {
		client.captureHttpRequest(event);
	}

	public static JobHandle startJob(String slug) {
		return client.startJob(slug);
	}

	public static void finishJob(@Nullable JobHandle handle, @Nullable JobStatus status, @Nullable String message) {
		client.finishJob(handle, status, message);
	}

	public static void failJob(@Nullable JobHandle handle, @Nullable Throwable error) {
		client.failJob(handle, error);
	}

	/** Runs a job and sends its heartbeat: see {@link SeeStackClient#monitor(String, Runnable)}. */
	public static void monitor(String slug, Runnable job) {
		client.monitor(slug, job);
	}

	/** Runs a job and sends its heartbeat: see {@link SeeStackClient#monitor(String, Callable)}. */
	public static <T> T monitor(String slug, Callable<T> job) throws Exception {
		return client.monitor(slug, job);
	}

	public static boolean flush() {
		return client.flush();
	}

	public static boolean flush(Duration timeout) {
		return client.flush(timeout);
	}

}
