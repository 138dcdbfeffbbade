package io.seestack.internal;

import java.util.ArrayDeque;

import io.micrometer.context.ThreadLocalAccessor;
import io.seestack.Scope;
import io.seestack.ScopeSnapshot;
import io.seestack.SeeStack;
import io.seestack.SeeStackClient;
import org.jspecify.annotations.Nullable;

/**
 * Carries the SeeStack context of the {@link SeeStack#getClient() installed client} in Micrometer's context
 * snapshots, so that Spring's {@code ContextPropagatingTaskDecorator}, Reactor's automatic context propagation and
 * {@code ContextSnapshot.wrap(...)} move it between threads with no SeeStack-specific code. Registered through
 * {@link java.util.ServiceLoader} when {@code io.micrometer:context-propagation} is on the classpath.
 *
 * <p>The value is a {@link ScopeSnapshot}, {@code null} outside every scope (so work submitted outside a unit of
 * work carries nothing). Setting it opens a scope restored from the snapshot; restoring closes that scope, which
 * gives the thread back exactly what it had, whatever value Micrometer hands back.
 */
public final class ScopeAccessor implements ThreadLocalAccessor<ScopeSnapshot> {

	/** The key of the SeeStack context in Micrometer's context snapshots and Reactor's {@code Context}. */
	public static final String KEY = ScopeSnapshot.CONTEXT_KEY;

	/** The scopes this accessor opened on each thread, innermost last. */
	private static final ThreadLocal<ArrayDeque<Scope>> opened = new ThreadLocal<>();

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable ScopeSnapshot getValue() {
		ScopeSnapshot snapshot = SeeStack.getClient().snapshot();
		return snapshot.isEmpty() ? null : snapshot;
	}

	@Override
	public void setValue(ScopeSnapshot value) {
		push(value.restore());
	}

	/** No value for SeeStack in the snapshot being restored: the thread's own context is hidden until restore. */
	@Override
	public void setValue() {
		SeeStackClient client = SeeStack.getClient();
		push((client instanceof DefaultSeeStackClient real) ? real.context().openEmpty() : client.openScope());
	}

	@Override
	public void restore(ScopeSnapshot previousValue) {
		pop();
	}

	@Override
	public void restore() {
		pop();
	}

	private static void push(Scope scope) {
		ArrayDeque<Scope> scopes = opened.get();
		if (scopes == null) {
			scopes = new ArrayDeque<>(2);
			opened.set(scopes);
		}
		scopes.addLast(scope);
	}

	private static void pop() {
		ArrayDeque<Scope> scopes = opened.get();
		Scope scope = (scopes != null) ? scopes.pollLast() : null;
		if (scope != null) {
			scope.close();
		}
	}

}
