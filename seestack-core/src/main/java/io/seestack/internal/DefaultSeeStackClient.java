package io.seestack.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import dev.failsafe.spi.Scheduler;
import io.seestack.DeliveryListener.DropReason;
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
import io.seestack.SeeStackOptions;
import io.seestack.SeeStackStatus;
import io.seestack.User;
import io.seestack.internal.context.ContextExecutors;
import io.seestack.internal.context.CurrentContext;
import io.seestack.internal.delivery.Dispatcher;
import io.seestack.internal.delivery.JdkHttpTransport;
import io.seestack.internal.delivery.LocalOutboxTransport;
import io.seestack.internal.payload.CapturedError;
import io.seestack.internal.payload.CapturedHeartbeat;
import io.seestack.internal.payload.CapturedHttpRequest;
import io.seestack.internal.payload.CapturedLog;
import io.seestack.internal.payload.JsonCodec;
import io.seestack.internal.payload.PayloadFactory;
import io.seestack.internal.payload.Sanitizer;
import io.seestack.internal.payload.Suppressed;
import io.seestack.internal.payload.ThrowableCopy;
import io.seestack.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * The real client. Every public method is guarded: whatever goes wrong inside is logged once and swallowed, so the
 * host application never sees an exception from the SDK.
 */
public final class DefaultSeeStackClient implements SeeStackClient {

	static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(5);

	private final SdkLog log = SdkLog.get(DefaultSeeStackClient.class);

	private static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");

	private static final HexFormat HEX = HexFormat.of();

	private final SeeStackOptions options;

	private final Dispatcher dispatcher;

	private final CurrentContext context;

	private final @Nullable LocalOutboxTransport localTransport;

	private final ErrorRateLimiter errorRateLimiter;

	private final ProcessHooks processHooks;

	private volatile boolean closed;

	public DefaultSeeStackClient(SeeStackOptions options) {
		this(options, null);
	}

	/**
	 * @param retryScheduler replaces the scheduler that runs retries after their backoff (tests record the delays)
	 */
	public DefaultSeeStackClient(SeeStackOptions options, @Nullable Scheduler retryScheduler) {
		this.options = options;
		this.errorRateLimiter = new ErrorRateLimiter(options.identicalErrorsPerSecond());
		this.localTransport = options.local() ? new LocalOutboxTransport(options.outbox()) : null;
		// Local mode wins over a custom transport: its status (mode, recent payloads) must describe what happens.
		Transport transport = (this.localTransport != null) ? this.localTransport
				: (options.transport() != null) ? options.transport() : new JdkHttpTransport(options);
		this.dispatcher = new Dispatcher(options, transport, new JsonCodec(), retryScheduler);
		this.context = new CurrentContext(this.dispatcher::enqueue);
		this.processHooks = ProcessHooks.install(options, this);
		this.log.debug(options.debug(), () -> "SeeStack started: " + options);
	}

	/** This client's context, for {@link ScopeAccessor}. */
	CurrentContext context() {
		return this.context;
	}

	@Override
	public boolean isEnabled() {
		return !this.closed && this.dispatcher.disabledReason() == null;
	}

	@Override
	public Optional<String> disabledReason() {
		String reason = this.dispatcher.disabledReason();
		if (reason == null && this.closed) {
			reason = "the client was closed";
		}
		return Optional.ofNullable(reason);
	}

	@Override
	public int bufferedCount(Feature feature) {
		return this.dispatcher.buffered(feature);
	}

	@Override
	public SeeStackStatus status() {
		if (this.localTransport != null) {
			Path outbox = this.localTransport.outbox();
			return new SeeStackStatus(SeeStackStatus.Mode.LOCAL,
					(outbox != null) ? outbox.toAbsolutePath().toString() : "memory", disabledReason().orElse(null),
					this.dispatcher.status(), this.localTransport.recent());
		}
		return new SeeStackStatus(SeeStackStatus.Mode.REMOTE, this.options.host().toString(),
				disabledReason().orElse(null), this.dispatcher.status(), List.of(), this.dispatcher.spoolStatus());
	}

	@Override
	public void setUser(@Nullable User user) {
		guard("setUser", () -> this.context.setUser(user));
	}

	@Override
	public void clearUser() {
		guard("clearUser", () -> this.context.setUser(null));
	}

	@Override
	public void setGlobalUser(@Nullable User user) {
		guard("setGlobalUser", () -> this.context.setGlobalUser(user));
	}

	@Override
	public Optional<User> getCurrentUser() {
		try {
			return Optional.ofNullable(this.context.user(null));
		}
		catch (RuntimeException ex) {
			internalError("getCurrentUser", ex);
			return Optional.empty();
		}
	}

	@Override
	public void identify(@Nullable User user, boolean updatePreviousLogs) {
		guard("identify", () -> this.context.identify(user, updatePreviousLogs));
	}

	@Override
	public void logout() {
		guard("logout", this.context::logout);
	}

	@Override
	public Scope openScope() {
		return this.context.open();
	}

	@Override
	public Optional<Scope> currentScope() {
		return Optional.ofNullable(this.context.currentScope());
	}

	@Override
	public ScopeSnapshot snapshot() {
		return this.context.snapshot();
	}

	@Override
	public Runnable wrap(Runnable task) {
		return this.context.snapshot().wrap(task);
	}

	@Override
	public <T> Callable<T> wrap(Callable<T> task) {
		return this.context.snapshot().wrap(task);
	}

	@Override
	public Executor wrap(Executor executor) {
		return ContextExecutors.wrap(executor, this.context::snapshot);
	}

	@Override
	public ExecutorService wrap(ExecutorService executor) {
		return ContextExecutors.wrap(executor, this.context::snapshot);
	}

	@Override
	public void captureError(@Nullable Throwable error) {
		captureError(error, null);
	}

	@Override
	public void captureError(@Nullable Throwable error, @Nullable ErrorContext context) {
		if (error == null || !isEnabled()) {
			return;
		}
		guard("captureError", () -> {
			if (!this.context.firstCapture(error)) {
				return;
			}
			ErrorContext details = (context != null) ? context : ErrorContext.empty();
			User user = this.context.user(details.user());
			String userId = (user != null) ? user.id() : null;
			// Decided before anything is copied: in a storm, an error that would be dropped costs next to nothing.
			if (!this.dispatcher.hasRoom(Feature.ERRORS)) {
				this.errorRateLimiter.heldBackUnsent(error, userId);
				this.dispatcher.dropped(Feature.ERRORS, DropReason.BUFFER_FULL, 1);
				return;
			}
			Suppressed suppressed = this.errorRateLimiter.tryAcquire(error, userId);
			if (suppressed == null) {
				rateLimited();
				return;
			}
			Scope scope = this.context.currentScope();
			String sessionId = details.sessionId();
			if (sessionId == null && scope != null) {
				sessionId = scope.sessionId();
			}
			this.dispatcher.enqueue(new CapturedError(ThrowableCopy.of(error), details.level(),
					Sanitizer.copyOf(user), (scope != null) ? scope.ip() : null,
					Sanitizer.copy(details.metadata()), sessionId, (scope != null) ? scope.traceId() : null,
					(scope != null) ? scope.tags() : Map.of(), Instant.now(), suppressed));
		});
	}

	@Override
	public void captureLog(@Nullable Level level, @Nullable String message, @Nullable Map<String, ?> metadata) {
		captureLog(level, message, metadata, null, null, Map.of(), null, null);
	}

	@Override
	public LogBuilder log() {
		return new DefaultLogBuilder(this);
	}

	/**
	 * A log with the current scope's context, or the user and trace id given (then it is not held by the scope:
	 * identify must not re-attribute an entry whose user was named).
	 */
	void captureLog(@Nullable Level level, @Nullable String message, @Nullable Map<String, ?> metadata,
			@Nullable User user, @Nullable String traceId, Map<String, String> tags, @Nullable String correlationId,
			@Nullable Instant timestamp) {
		if (!isEnabled()) {
			return;
		}
		guard("captureLog", () -> {
			Scope scope = this.context.currentScope();
			String trace = (traceId != null) ? traceId : (scope != null) ? scope.traceId() : null;
			Map<String, Object> copied = Sanitizer.copy(metadata);
			String correlation = (correlationId != null) ? correlationId : trace;
			if (correlation != null) {
				copied.putIfAbsent(DefaultLogBuilder.CORRELATION_ID, correlation);
			}
			CapturedLog log = new CapturedLog((level != null) ? level : Level.INFO, message, copied,
					Sanitizer.copyOf(this.context.user(user)), (scope != null) ? scope.ip() : null, trace,
					withTags((scope != null) ? scope.tags() : Map.of(), tags),
					(timestamp != null) ? timestamp : Instant.now());
			if (user != null) {
				this.dispatcher.enqueue(log);
			}
			else {
				this.context.hold(log);
			}
		});
	}

	private static Map<String, String> withTags(Map<String, String> scopeTags, Map<String, String> own) {
		if (own.isEmpty()) {
			return scopeTags;
		}
		Map<String, String> merged = new LinkedHashMap<>(scopeTags);
		merged.putAll(own);
		return merged;
	}

	@Override
	public void captureHttpRequest(@Nullable HttpRequestEvent event) {
		if (event == null || !isEnabled()) {
			return;
		}
		if (this.options.projectId() == null) {
			this.log.warnOnce("no-project-id", () -> "SeeStack HTTP request monitoring is off: no projectId is "
					+ "configured (the ingest API needs it for HTTP request items)");
			return;
		}
		guard("captureHttpRequest", () -> {
			String userId = event.userId();
			if (userId == null) {
				User user = this.context.user(null);
				userId = (user != null) ? user.id() : null;
			}
			String traceId = event.traceId();
			if (traceId == null || traceId.isBlank()) {
				traceId = currentTraceId();
			}
			if (traceId == null) {
				traceId = newTraceId();
			}
			this.dispatcher.enqueue(new CapturedHttpRequest(event, userId, traceId));
		});
	}

	@Override
	public JobHandle startJob(String slug) {
		if (slug == null || !SLUG.matcher(slug).matches()) {
			this.log.warnOnce("slug:" + slug, () -> "SeeStack job slug '" + slug + "' is invalid (lowercase letters, "
					+ "digits and hyphens only, as in the cron monitor): its heartbeat will not be sent");
		}
		return new JobHandle(String.valueOf(slug), System.nanoTime());
	}

	@Override
	public void finishJob(@Nullable JobHandle handle, @Nullable JobStatus status, @Nullable String message) {
		if (handle == null || !isEnabled() || !SLUG.matcher(handle.slug()).matches()) {
			return;
		}
		guard("finishJob", () -> this.dispatcher.enqueue(new CapturedHeartbeat(handle.slug(),
				(status != null) ? status : JobStatus.SUCCESS,
				Duration.ofNanos(System.nanoTime() - handle.startNanos()).toMillis(), message)));
	}

	@Override
	public boolean flush(Duration timeout) {
		if (this.closed) {
			return false;
		}
		try {
			this.context.releaseAllHeldLogs();
			return this.dispatcher.flush((timeout != null && !timeout.isNegative()) ? timeout : Duration.ZERO);
		}
		catch (RuntimeException ex) {
			internalError("flush", ex);
			return false;
		}
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		try {
			this.context.releaseAllHeldLogs();
			this.closed = true;
			this.processHooks.remove();
			this.dispatcher.shutdown(SHUTDOWN_DEADLINE);
		}
		catch (RuntimeException ex) {
			internalError("close", ex);
		}
	}

	@Override
	public String toString() {
		return "SeeStackClient{host=" + this.options.host() + ", enabled=" + isEnabled() + "}";
	}

	private @Nullable String currentTraceId() {
		return this.context.traceId();
	}

	/** 32 lowercase hex digits, as a W3C trace id; not a secret, so no SecureRandom on the caller's thread. */
	static String newTraceId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong() | 1L);
	}

	private void rateLimited() {
		this.dispatcher.dropped(Feature.ERRORS, DropReason.RATE_LIMITED, 1);
		this.log.warnOnce("rate-limited", () -> "SeeStack is holding back repeated errors: every user's first error "
				+ "of a kind is sent, then at most " + this.options.identicalErrorsPerSecond() + " per second of one "
				+ "kind; the rest are counted (dropped, RATE_LIMITED) and the next one sent carries their number in "
				+ "metadata " + PayloadFactory.SUPPRESSED_METADATA_KEY);
	}

	private void guard(String operation, Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			internalError(operation, ex);
		}
	}

	private void internalError(String operation, Throwable ex) {
		this.log.warnOnce("internal:" + operation, () -> "SeeStack " + operation + " failed internally and was skipped ("
				+ ex.getClass().getName() + "); the application is not affected");
	}

}
