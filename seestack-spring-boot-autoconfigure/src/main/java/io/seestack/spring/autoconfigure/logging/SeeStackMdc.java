package io.seestack.spring.autoconfigure.logging;

import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.User;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts the current SeeStack scope's user id, trace id and replay session id into SLF4J's MDC, under configurable
 * keys, so that the application's own log lines (its pattern, Spring Boot's structured logging) show who the user
 * was; and puts back what the MDC had before. The email is never put there.
 */
public final class SeeStackMdc {

	private final SeeStackClient client;

	private final @Nullable String userIdKey;

	private final @Nullable String traceIdKey;

	private final @Nullable String sessionIdKey;

	/**
	 * Creates it.
	 * @param client the client whose current scope is read
	 * @param userIdKey the MDC key of the user id, or {@code null} for none
	 * @param traceIdKey the MDC key of the trace id, or {@code null} for none
	 * @param sessionIdKey the MDC key of the replay session id, or {@code null} for none
	 */
	public SeeStackMdc(SeeStackClient client, @Nullable String userIdKey, @Nullable String traceIdKey,
			@Nullable String sessionIdKey) {
		this.client = client;
		this.userIdKey = blankToNull(userIdKey);
		this.traceIdKey = blankToNull(traceIdKey);
		this.sessionIdKey = blankToNull(sessionIdKey);
	}

	/** Sets the keys from the current scope; closing the result restores what the MDC had. Never throws. */
	public Restore put() {
		Scope scope = this.client.currentScope().orElse(null);
		if (scope == null) {
			return Restore.NOTHING;
		}
		String userId = scope.user().map(User::id).orElse(null);
		return new Restore(swap(this.userIdKey, userId), swap(this.traceIdKey, scope.traceId()),
				swap(this.sessionIdKey, scope.sessionId()));
	}

	private static @Nullable Previous swap(@Nullable String key, @Nullable String value) {
		if (key == null) {
			return null;
		}
		Previous previous = new Previous(key, MDC.get(key));
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
		return previous;
	}

	private static @Nullable String blankToNull(@Nullable String key) {
		return (key != null && !key.isBlank()) ? key : null;
	}

	private record Previous(String key, @Nullable String value) {

		void restore() {
			if (this.value != null) {
				MDC.put(this.key, this.value);
			}
			else {
				MDC.remove(this.key);
			}
		}

	}

	/** Puts back what the MDC had before {@link #put()}. */
	public static final class Restore implements AutoCloseable {

		static final Restore NOTHING = new Restore(null, null, null);

		private final @Nullable Previous user;

		private final @Nullable Previous trace;

		private final @Nullable Previous session;

		private Restore(@Nullable Previous user, @Nullable Previous trace, @Nullable Previous session) {
			this.user = user;
			this.trace = trace;
			this.session = session;
		}

		@Override
		public void close() {
			if (this.user != null) {
				this.user.restore();
			}
			if (this.trace != null) {
				this.trace.restore();
			}
			if (this.session != null) {
				this.session.restore();
			}
		}

	}

}
