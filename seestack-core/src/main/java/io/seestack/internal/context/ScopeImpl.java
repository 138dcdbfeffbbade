package io.seestack.internal.context;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.seestack.Scope;
import io.seestack.User;
import io.seestack.internal.payload.CapturedLog;
import io.seestack.internal.payload.Sanitizer;
import org.jspecify.annotations.Nullable;

/**
 * One open scope: its own values, each {@code null} (or {@link UserState#UNSET}) when inherited from its parent.
 * A scope restored from a snapshot has no parent: it starts with the snapshot's values.
 */
final class ScopeImpl implements Scope {

	private final CurrentContext context;

	private final @Nullable ScopeImpl parent;

	private final @Nullable ScopeImpl previous;

	private final WorkUnit unit;

	private final Thread owner = Thread.currentThread();

	private volatile UserState userState;

	private volatile @Nullable String ip;

	private volatile @Nullable String traceId;

	private volatile @Nullable String sessionId;

	/** Replaced, never changed: readers on other threads see a whole map. */
	private volatile Map<String, String> tags;

	private @Nullable ArrayDeque<CapturedLog> heldLogs;

	private volatile boolean closed;

	ScopeImpl(CurrentContext context, @Nullable ScopeImpl parent, @Nullable ScopeImpl previous, WorkUnit unit,
			Snapshot initial) {
		// initial is the snapshot restored, or the empty one for a scope that inherits all from its parent
		this.context = context;
		this.parent = parent;
		this.previous = previous;
		this.unit = unit;
		this.userState = initial.userState();
		this.ip = initial.ip();
		this.traceId = initial.traceId();
		this.sessionId = initial.sessionId();
		this.tags = initial.tags();
	}

	@Nullable ScopeImpl previous() {
		return this.previous;
	}

	WorkUnit unit() {
		return this.unit;
	}

	boolean isClosed() {
		return this.closed;
	}

	/** The nearest user state that is set, in this scope or an enclosing one; {@code UNSET} if none is. */
	UserState userState() {
		for (ScopeImpl scope = this; scope != null; scope = scope.parent) {
			UserState state = scope.userState;
			if (state != UserState.UNSET) {
				return state;
			}
		}
		return UserState.UNSET;
	}

	@Override
	public void setUser(@Nullable User user) {
		this.userState = UserState.of(user);
	}

	@Override
	public void clearUser() {
		this.userState = UserState.ANONYMOUS;
	}

	@Override
	public Optional<User> user() {
		return Optional.ofNullable(userState().resolve(this.context.globalUser()));
	}

	@Override
	public void setIp(@Nullable String ip) {
		this.ip = ip;
	}

	@Override
	public @Nullable String ip() {
		for (ScopeImpl scope = this; scope != null; scope = scope.parent) {
			String value = scope.ip;
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	@Override
	public void setTraceId(@Nullable String traceId) {
		this.traceId = traceId;
	}

	@Override
	public @Nullable String traceId() {
		for (ScopeImpl scope = this; scope != null; scope = scope.parent) {
			String value = scope.traceId;
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	@Override
	public void setSessionId(@Nullable String sessionId) {
		this.sessionId = sessionId;
	}

	@Override
	public @Nullable String sessionId() {
		for (ScopeImpl scope = this; scope != null; scope = scope.parent) {
			String value = scope.sessionId;
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	@Override
	public synchronized void setTag(String key, @Nullable String value) {
		if (key == null) {
			return;
		}
		Map<String, String> changed = new LinkedHashMap<>(this.tags);
		if (value != null) {
			changed.put(key, value);
		}
		else {
			changed.remove(key);
		}
		this.tags = Collections.unmodifiableMap(changed);
	}

	@Override
	public Map<String, String> tags() {
		if (this.parent == null) {
			return this.tags;
		}
		Map<String, String> inherited = this.parent.tags();
		if (inherited.isEmpty()) {
			return this.tags;
		}
		Map<String, String> merged = new LinkedHashMap<>(inherited);
		merged.putAll(this.tags);
		return Collections.unmodifiableMap(merged);
	}

	/** This scope's values, with what it inherits, as a snapshot that shares its unit of work. */
	Snapshot snapshot() {
		return new Snapshot(this.context, userState(), ip(), traceId(), sessionId(), tags(), this.unit);
	}

	/** Holds the log for retroactive identify; false if this scope is closed and cannot hold it. */
	synchronized boolean hold(CapturedLog log) {
		if (this.closed) {
			return false;
		}
		if (this.heldLogs == null) {
			this.heldLogs = new ArrayDeque<>();
			this.context.holding(this);
		}
		this.heldLogs.addLast(log);
		if (this.heldLogs.size() > CurrentContext.MAX_HELD_LOGS) {
			this.context.releaseOne(this.heldLogs.removeFirst());
		}
		return true;
	}

	synchronized void attributeHeldLogsTo(@Nullable User user) {
		if (this.heldLogs != null) {
			User copy = Sanitizer.copyOf(user);
			for (CapturedLog log : this.heldLogs) {
				log.attributeTo(copy);
			}
		}
	}

	void releaseHeldLogs() {
		List<CapturedLog> released;
		synchronized (this) {
			if (this.heldLogs == null) {
				return;
			}
			released = new ArrayList<>(this.heldLogs);
			this.heldLogs = null;
		}
		this.context.release(this, released);
	}

	/**
	 * Releases held logs and, on the thread that opened it, restores the scope that was current before. Closing on
	 * another thread leaves that thread's state alone.
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		releaseHeldLogs();
		if (Thread.currentThread() == this.owner) {
			this.context.restore(this.previous);
		}
	}

	@Override
	public String toString() {
		return "Scope{traceId=" + traceId() + "}";
	}

}
