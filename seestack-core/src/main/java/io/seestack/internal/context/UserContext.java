package io.seestack.internal.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.seestack.User;
import io.seestack.internal.payload.CapturedLog;
import org.jspecify.annotations.Nullable;

/**
 * Who an event is about: the per-thread stack of {@link ScopeImpl scopes} and the process-wide user, resolved by
 * precedence (event, then nearest scope that set or cleared a user, then global).
 *
 * <p>One instance per client, so that two clients never see each other's scopes.
 */
public final class UserContext {

	/** Logs a scope holds for retroactive identify before it releases the oldest. */
	static final int MAX_HELD_LOGS = 100;

	private final ThreadLocal<@Nullable ScopeImpl> current = new ThreadLocal<>();

	private final Set<ScopeImpl> scopesHoldingLogs = ConcurrentHashMap.newKeySet();

	private final Consumer<CapturedLog> releasedLogs;

	private volatile @Nullable User globalUser;

	/**
	 * @param releasedLogs where logs go once no scope holds them any more (the delivery buffer)
	 */
	public UserContext(Consumer<CapturedLog> releasedLogs) {
		this.releasedLogs = releasedLogs;
	}

	/** Opens a scope on this thread whose parent is the thread's current scope. */
	public ScopeImpl open() {
		return open(current());
	}

	/** Opens a scope on this thread with an explicit parent, as when a wrapped task runs elsewhere. */
	public ScopeImpl open(@Nullable ScopeImpl parent) {
		ScopeImpl scope = new ScopeImpl(this, parent, current());
		this.current.set(scope);
		return scope;
	}

	/**
	 * The thread's current scope. A scope closed from another thread is skipped (and forgotten), so it can never
	 * attribute later work on this thread.
	 */
	public @Nullable ScopeImpl current() {
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

	/** The user an event would carry, given the event's own user (which wins when present). */
	public @Nullable User resolve(@Nullable User eventUser) {
		if (eventUser != null) {
			return eventUser;
		}
		for (ScopeImpl scope = current(); scope != null; scope = scope.parent()) {
			Object state = scope.userState();
			if (state == ScopeImpl.CLEARED) {
				return null;
			}
			if (state instanceof User user) {
				return user;
			}
		}
		return this.globalUser;
	}

	public void setUser(@Nullable User user) {
		ScopeImpl scope = current();
		if (scope != null) {
			scope.setUser(user);
		}
		else {
			this.globalUser = user;
		}
	}

	public void identify(@Nullable User user, boolean updatePreviousLogs) {
		ScopeImpl scope = current();
		if (scope == null) {
			this.globalUser = user;
			return;
		}
		scope.setUser(user);
		if (updatePreviousLogs) {
			scope.attributeHeldLogsTo(user);
		}
	}

	public void logout() {
		ScopeImpl scope = current();
		if (scope == null) {
			this.globalUser = null;
			return;
		}
		scope.setUser(null);
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
