package io.seestack.internal.context;

import io.seestack.User;
import org.jspecify.annotations.Nullable;

/**
 * The user of a scope: not set (inherit), anonymous, or a user. Typed, so that "not set" and "anonymous" can never
 * be confused.
 */
sealed interface UserState {

	UserState UNSET = new Unset();

	UserState ANONYMOUS = new Anonymous();

	/** {@code null} is anonymous: that is what {@code setUser(null)} has always meant. */
	static UserState of(@Nullable User user) {
		return (user != null) ? new Identified(user) : ANONYMOUS;
	}

	/** The user this state stands for, given what it inherits when not set. */
	@Nullable User resolve(@Nullable User inherited);

	/** Inherits: from the enclosing scope, and outside every scope the global user. */
	record Unset() implements UserState {

		@Override
		public @Nullable User resolve(@Nullable User inherited) {
			return inherited;
		}

	}

	/** No user, whatever enclosing scopes or the global user say. */
	record Anonymous() implements UserState {

		@Override
		public @Nullable User resolve(@Nullable User inherited) {
			return null;
		}

	}

	/** A user. */
	record Identified(User user) implements UserState {

		@Override
		public User resolve(@Nullable User inherited) {
			return this.user;
		}

	}

}
