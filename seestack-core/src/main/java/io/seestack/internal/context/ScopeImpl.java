package io.seestack.internal.context;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.seestack.Scope;
import io.seestack.User;
import io.seestack.internal.payload.CapturedLog;
import org.jspecify.annotations.Nullable;

/**
 * One open scope. The user state is {@code null} (inherit from the parent), {@link #CLEARED} (anonymous, whatever
 * the parent says) or a {@link User}.
 */
public final class ScopeImpl implements Scope {

	static final Object CLEARED = new Object();

	private final UserContext context;

	private final @Nullable ScopeImpl parent;

	private final @Nullable ScopeImpl previous;

	private final Thread owner = Thread.currentThread();

	private volatile @Nullable Object userState;

	private volatile @Nullable String traceId;

	private @Nullable ArrayDeque<CapturedLog> heldLogs;

	private volatile boolean closed;

	ScopeImpl(UserContext context, @Nullable ScopeImpl parent, @Nullable ScopeImpl previous) {
		this.context = context;
		this.parent = parent;
		this.previous = previous;
	}

	@Nullable ScopeImpl parent() {
		return this.parent;
	}

	@Nullable ScopeImpl previous() {
		return this.previous;
	}

	boolean isClosed() {
		return this.closed;
	}

	@Nullable Object userState() {
		return this.userState;
	}

	void setUser(@Nullable User user) {
		this.userState = (user != null) ? user : CLEARED;
	}

	@Override
	public void setTraceId(@Nullable String traceId) {
		this.traceId = traceId;
	}

	@Override
	public @Nullable String traceId() {
		for (ScopeImpl scope = this; scope != null; scope = scope.parent) {
			String id = scope.traceId;
			if (id != null) {
				return id;
			}
		}
		return null;
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
		if (this.heldLogs.size() > UserContext.MAX_HELD_LOGS) {
			this.context.releaseOne(this.heldLogs.removeFirst());
		}
		return true;
	}

	synchronized void attributeHeldLogsTo(@Nullable User user) {
		if (this.heldLogs != null) {
			for (CapturedLog log : this.heldLogs) {
				log.attributeTo(user);
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
