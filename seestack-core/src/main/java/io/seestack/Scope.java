package io.seestack;

import org.jspecify.annotations.Nullable;

/**
 * A unit of work, such as one HTTP request, with its own user. Opened by {@link SeeStackClient#openScope()} and
 * made current on the opening thread; {@link #close() closing} it restores exactly what that thread had before.
 * Use it with try-with-resources:
 *
 * <pre>{@code
 * try (Scope scope = SeeStack.openScope()) {
 *     SeeStack.setUser(user);   // this scope only
 *     ...                       // every event captured here carries the user
 * }
 * }</pre>
 *
 * <p>Logs captured in an open scope are held by it (up to a bound) until it closes, so that
 * {@link SeeStackClient#identify(User, boolean) identify(user, true)} can still attribute them.
 */
public interface Scope extends AutoCloseable {

	/** Sets the trace id that logs captured in this scope carry, for correlation with HTTP items. */
	void setTraceId(@Nullable String traceId);

	/** The trace id of this scope, or of the nearest enclosing one that has one. */
	@Nullable String traceId();

	/** Ends the scope; idempotent, never throws. */
	@Override
	void close();

}
