package io.seestack.internal.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.seestack.Scope;
import io.seestack.ScopeSnapshot;
import io.seestack.User;
import io.seestack.internal.SdkLog;
import io.seestack.internal.payload.CapturedLog;
import org.jspecify.annotations.Nullable;

/**
 * The context of one client: the per-thread stack of {@link ScopeImpl scopes} and the process-wide (global) user.
 * One instance per client, so that two clients never see each other's scopes.
 *
 * <p>Outside every scope there is only the global user, which every thread's unscoped events carry. So a
 * {@code setUser} outside a scope changes it only on the thread that created the client (an application's setup,
 * a command-line tool's main thread); on any other thread, a message listener's or a scheduler's, it is refused
 * with a warning, since it would attribute every other thread's events. {@link #setGlobalUser} sets it on purpose.
 */
public final class CurrentContext {

	/** Logs a scope holds for retroactive identify before it releases the oldest. */
	static final int MAX_HELD_LOGS = 100;

	private static final SdkLog log = SdkLog.get(CurrentContext.class);

	private final ThreadLocal<@Nullable ScopeImpl> current = new ThreadLocal<>();

	private final Set<ScopeImpl> scopesHoldingLogs = ConcurrentHashMap.newKeySet();

	private final Consumer<CapturedLog> releasedLogs;

	private final Thread setupThread = Thread.currentThread();

	/** What a new scope starts with (all inherited), and what a snapshot outside every scope holds. */
	private final Snapshot empty = Snapshot.empty(this);

	private volatile @Nullable User globalUser;

	/** Whether a thread other than the setup thread has captured outside a scope, so a global user reaches it. */
	private volatile boolean capturedElsewhere;

	/**
	 * @param releasedLogs where logs go once no scope holds them any more (the delivery buffer)
	 */
	public CurrentContext(Consumer<CapturedLog> releasedLogs) {
		this.releasedLogs = releasedLogs;
	}

	/** Opens a scope on this thread, inside the thread's current scope if it has one. */
	public Scope open() {
		ScopeImpl parent = current();
		ScopeImpl scope = new ScopeImpl(this, parent, parent, (parent != null) ? parent.unit() : new WorkUnit(),
				this.empty);
		this.current.set(scope);
		return scope;
	}

	/** Opens a scope on this thread that starts with the snapshot's values and nothing of the thread's own. */
	Scope restore(Snapshot snapshot) {
		WorkUnit unit = snapshot.unit();
		ScopeImpl scope = new ScopeImpl(this, null, current(), (unit != null) ? unit : new WorkUnit(), snapshot);
		this.current.set(scope);
		return scope;
	}

	/** Opens a scope on this thread that carries nothing, hiding what the thread had until it closes. */
	public Scope openEmpty() {
		return restore(this.empty);
	}

	/** The context current on this thread, to be restored elsewhere. */
	public ScopeSnapshot snapshot() {
		ScopeImpl scope = current();
		return (scope != null) ? scope.snapshot() : this.empty;
	}

	/**
	 * The thread's current scope. A scope closed from another thread is skipped (and forgotten), so it can never
	 * attribute later work on this thread.
	 */
	public @Nullable Scope currentScope() {
		return current();
	}

	private @Nullable ScopeImpl current() {
		ScopeImpl scope = this.current.get();
		if (scope == null || !scope.isClosed()) {
			return scope;
		}
		while (scope != null && scope.isClosed()) {
			scope = scope.previous();
		}
		restore(scope);
		return scope;
	}

	/** The user an event would carry, given the event's own user (which wins when present); without the IP. */
	public @Nullable User user(@Nullable User eventUser) {
		if (eventUser != null) {
			return eventUser;
		}
		ScopeImpl scope = current();
		if (scope == null) {
			noteCaptureOutsideScopes();
			return this.globalUser;
		}
		return scope.userState().resolve(this.globalUser);
	}

	/** The trace id of the current unit of work, or {@code null}. */
	public @Nullable String traceId() {
		ScopeImpl scope = current();
		return (scope != null) ? scope.traceId() : null;
	}

	/** True the first time this throwable is offered in the current unit of work; always true outside scopes. */
	public boolean firstCapture(Throwable error) {
		ScopeImpl scope = current();
		return scope == null || scope.unit().firstCapture(error);
	}

	public @Nullable User globalUser() {
		return this.globalUser;
	}

	/** Sets the process-wide user, which every event outside a scope carries, on any thread. */
	public void setGlobalUser(@Nullable User user) {
		if (user != null && this.capturedElsewhere) {
			log.warnOnce("global-user-shared", () -> "SeeStack's global user was set while other threads capture "
					+ "outside any scope: their events carry it too. Open a scope (SeeStack.openScope()) per unit "
					+ "of work to give each its own user");
		}
		this.globalUser = user;
	}

	/** Sets the user of the current scope; outside scopes, the global user where that is safe (class Javadoc). */
	public void setUser(@Nullable User user) {
		ScopeImpl scope = current();
		if (scope != null) {
			scope.setUser(user);
		}
		else if (mayChangeGlobalUser("setUser")) {
			setGlobalUser(user);
		}
	}

	public void identify(@Nullable User user, boolean updatePreviousLogs) {
		ScopeImpl scope = current();
		if (scope == null) {
			if (mayChangeGlobalUser("identify")) {
				setGlobalUser(user);
			}
			return;
		}
		scope.setUser(user);
		if (updatePreviousLogs) {
			scope.attributeHeldLogsTo(user);
		}
	}

	/** Makes the current scope anonymous and releases the logs it holds (this scope's only). */
	public void logout() {
		ScopeImpl scope = current();
		if (scope == null) {
			if (mayChangeGlobalUser("logout")) {
				this.globalUser = null;
			}
			return;
		}
		scope.clearUser();
		scope.releaseHeldLogs();
	}

	/** Holds the log in the current scope, or releases it at once when there is none. */
	public void hold(CapturedLog log) {
		ScopeImpl scope = current();
		if (scope == null || !scope.hold(log)) {
			this.releasedLogs.accept(log);
		}
	}

	/** Releases the logs every open scope holds, as an explicit flush or shutdown asks. */
	public void releaseAllHeldLogs() {
		for (ScopeImpl scope : new ArrayList<>(this.scopesHoldingLogs)) {
			scope.releaseHeldLogs();
		}
	}

	private boolean mayChangeGlobalUser(String operation) {
		if (Thread.currentThread() == this.setupThread) {
			return true;
		}
		log.warnOnce("global-user-refused:" + operation, () -> "SeeStack." + operation + " was called outside any "
				+ "scope on thread '" + Thread.currentThread().getName() + "' and was ignored: it would have set the "
				+ "process-wide user, which every other thread's events carry. Open a scope for the unit of work "
				+ "(try (Scope scope = SeeStack.openScope()) { ... }), or call SeeStack.setGlobalUser to set the "
				+ "process-wide user on purpose");
		return false;
	}

	private void noteCaptureOutsideScopes() {
		if (!this.capturedElsewhere && Thread.currentThread() != this.setupThread) {
			this.capturedElsewhere = true;
		}
	}

	void restore(@Nullable ScopeImpl previous) {
		// set(null) rather than remove(): it holds nothing of the request, and a remove on every request's last
		// scope made the thread's ThreadLocalMap expunge and rehash each time.
		this.current.set(previous);
	}

	void holding(ScopeImpl scope) {
		this.scopesHoldingLogs.add(scope);
	}

	void release(ScopeImpl scope, List<CapturedLog> logs) {
		this.scopesHoldingLogs.remove(scope);
		logs.forEach(this.releasedLogs);
	}

	void releaseOne(CapturedLog log) {
		this.releasedLogs.accept(log);
	}

}
