package io.seestack;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One unit of work, such as an HTTP request, a message handled or a job run, with the context its events carry:
 * the user, the client IP, the trace id, the replay session id and tags. Opened by
 * {@link SeeStackClient#openScope()} (or by {@link ScopeSnapshot#restore()} on another thread) and current on the
 * opening thread until {@link #close() closed}, which restores exactly what that thread had before. Use it with
 * try-with-resources:
 *
 * <pre>{@code
 * try (Scope scope = SeeStack.openScope()) {
 *     scope.setUser(user);      // this scope only
 *     ...                       // every event captured here carries the user
 * }
 * }</pre>
 *
 * <p>A scope opened inside another inherits each value it does not set itself. The user of a scope is in one of
 * three states: <em>not set</em> (inherit, and outside every scope the global user), <em>anonymous</em>
 * ({@link #clearUser()}: no user, whatever an enclosing scope or the global user says) or a {@link User}. The IP is
 * kept apart from the user, so setting a user never loses it: an event whose user has no IP of its own carries
 * the scope's.
 *
 * <p>Logs captured in an open scope are held by it (up to a bound) until it closes, so that
 * {@link SeeStackClient#identify(User, boolean) identify(user, true)} can still attribute them. Each throwable is
 * captured once per unit of work: the scope that opened it and every scope or snapshot taken from it.
 */
public interface Scope extends AutoCloseable {

	/** Sets the user of this scope; {@code null} makes it anonymous, like {@link #clearUser()}. */
	void setUser(@Nullable User user);

	/** Makes this scope anonymous: events carry no user, whatever enclosing scopes or the global user say. */
	void clearUser();

	/**
	 * The user that an event captured in this scope would carry, without the scope's IP: this scope's, else the
	 * nearest enclosing scope's that set or cleared one, else the global user.
	 */
	Optional<User> user();

	/**
	 * Sets the client IP of this unit of work (as much of it as the application means to record). Events whose
	 * user has no IP carry it, anonymous ones included.
	 */
	void setIp(@Nullable String ip);

	/** The IP of this scope, or of the nearest enclosing one that has one. */
	@Nullable String ip();

	/** Sets the trace id that events captured in this scope carry, for correlation with HTTP items. */
	void setTraceId(@Nullable String traceId);

	/** The trace id of this scope, or of the nearest enclosing one that has one. */
	@Nullable String traceId();

	/**
	 * Sets the id of the browser session recording (replay) this unit of work belongs to; errors carry it as
	 * {@code sessionId} in their metadata, so they link to the recording.
	 */
	void setSessionId(@Nullable String sessionId);

	/** The replay session id of this scope, or of the nearest enclosing one that has one. */
	@Nullable String sessionId();

	/**
	 * Sets a tag that errors and logs captured in this scope carry in their metadata under {@code tags}; a
	 * {@code null} value removes it. Tags of enclosing scopes are inherited.
	 */
	void setTag(String key, @Nullable String value);

	/** The tags of this scope, with those of enclosing scopes it does not override. */
	Map<String, String> tags();

	/** Ends the scope; idempotent, never throws. */
	@Override
	void close();

}
