package io.seestack.internal.context;

import java.util.Map;

import io.seestack.Scope;
import io.seestack.ScopeSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * The values of a scope and those it inherits, flattened and immutable, with the unit of work they belong to
 * ({@code null} for a snapshot taken outside every scope). Restoring it opens a scope with no parent, so nothing of
 * the thread it was taken on is reached from another.
 */
record Snapshot(CurrentContext context, UserState userState, @Nullable String ip, @Nullable String traceId,
		@Nullable String sessionId, Map<String, String> tags, @Nullable WorkUnit unit) implements ScopeSnapshot {

	/** The snapshot of no scope: restoring it hides whatever the thread has, and carries nothing. */
	static Snapshot empty(CurrentContext context) {
		return new Snapshot(context, UserState.UNSET, null, null, null, Map.of(), null);
	}

	@Override
	public Scope restore() {
		return this.context.restore(this);
	}

	@Override
	public boolean isEmpty() {
		return this.unit == null;
	}

	@Override
	public String toString() {
		return "ScopeSnapshot{traceId=" + this.traceId + ", empty=" + isEmpty() + "}";
	}

}
