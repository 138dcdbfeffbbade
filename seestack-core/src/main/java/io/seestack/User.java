package io.seestack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who was affected by an event. Every field is optional.
 *
 * <p>On the wire, errors carry {@code id}, {@code email} and {@code ip} as the error's {@code user}, and
 * {@code username} and {@link #data() data} in the error's metadata under {@code "seestack.user"}; HTTP request
 * items carry {@code id} as {@code userId}; logs carry them in their metadata as {@code userId},
 * {@code userEmail} and {@code userIp}. The {@link #token() token} is never sent and never printed: it exists so
 * that applications can keep a session token beside the user without leaking it.
 */
public final class User {

	private final @Nullable String id;

	private final @Nullable String email;

	private final @Nullable String ip;

	private final @Nullable String username;

	private final @Nullable String token;

	private final Map<String, @Nullable Object> data;

	private User(Builder builder) {
		this.id = builder.id;
		this.email = builder.email;
		this.ip = builder.ip;
		this.username = builder.username;
		this.token = builder.token;
		this.data = (builder.data == null) ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(builder.data));
	}

	/** A new builder. */
	public static Builder builder() {
		return new Builder();
	}

	/** A builder pre-filled with this user's fields, to derive a changed copy. */
	public Builder toBuilder() {
		Builder builder = new Builder().id(this.id).email(this.email).ip(this.ip).username(this.username)
			.token(this.token);
		this.data.forEach(builder::data);
		return builder;
	}

	public @Nullable String id() {
		return this.id;
	}

	public @Nullable String email() {
		return this.email;
	}

	public @Nullable String ip() {
		return this.ip;
	}

	public @Nullable String username() {
		return this.username;
	}

	/** A token kept beside the user for the application's own use; never sent, never printed. */
	public @Nullable String token() {
		return this.token;
	}

	/** Custom data, sent with errors under the metadata key {@code "seestack.user"}. */
	public Map<String, @Nullable Object> data() {
		return this.data;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof User user)) {
			return false;
		}
		return Objects.equals(this.id, user.id) && Objects.equals(this.email, user.email)
				&& Objects.equals(this.ip, user.ip) && Objects.equals(this.username, user.username)
				&& Objects.equals(this.token, user.token) && this.data.equals(user.data);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id, this.email, this.ip, this.username, this.data);
	}

	@Override
	public String toString() {
		return "User{id=" + this.id + ", email=" + this.email + ", ip=" + this.ip + ", username=" + this.username
				+ ", token=" + ((this.token != null) ? "[MASKED]" : "null") + ", data=" + this.data.keySet() + "}";
	}

	/** Builds a {@link User}. */
	public static final class Builder {

		private @Nullable String id;

		private @Nullable String email;

		private @Nullable String ip;

		private @Nullable String username;

		private @Nullable String token;

		/** Created by the first {@link #data(String, Object)}: most users have none, and a request builds one. */
		private @Nullable Map<String, @Nullable Object> data;

		private Builder() {
		}

		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		public Builder email(@Nullable String email) {
			this.email = email;
			return this;
		}

		public Builder ip(@Nullable String ip) {
			this.ip = ip;
			return this;
		}

		public Builder username(@Nullable String username) {
			this.username = username;
			return this;
		}

		public Builder token(@Nullable String token) {
			this.token = token;
			return this;
		}

		/** Adds custom data; a {@code null} key is ignored. */
		public Builder data(@Nullable String key, @Nullable Object value) {
			if (key != null) {
				if (this.data == null) {
					this.data = new LinkedHashMap<>();
				}
				this.data.put(key, value);
			}
			return this;
		}

		public User build() {
			return new User(this);
		}

	}

}
