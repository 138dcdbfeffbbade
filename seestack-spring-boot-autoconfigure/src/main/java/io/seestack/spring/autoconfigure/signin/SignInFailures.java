package io.seestack.spring.autoconfigure.signin;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * What a failed sign-in's exception says: a short reason, and whether the account exists when Spring Security
 * tells. By default it does not: its providers turn "no such user" into bad credentials
 * ({@code hideUserNotFoundExceptions}), so that an attacker cannot probe for accounts; a locked, disabled or expired
 * account is checked only once the account is found.
 */
enum SignInFailures {

	USER_NOT_FOUND(UsernameNotFoundException.class, Boolean.FALSE),

	BAD_CREDENTIALS(BadCredentialsException.class, null),

	LOCKED(LockedException.class, Boolean.TRUE),

	DISABLED(DisabledException.class, Boolean.TRUE),

	ACCOUNT_EXPIRED(AccountExpiredException.class, Boolean.TRUE),

	CREDENTIALS_EXPIRED(CredentialsExpiredException.class, Boolean.TRUE),

	SERVICE_ERROR(AuthenticationServiceException.class, null),

	/** A bearer token that is expired, forged or otherwise refused (Spring Security's OAuth2 resource server). */
	INVALID_TOKEN(null, null),

	OTHER(AuthenticationException.class, null);

	private static final String INVALID_BEARER_TOKEN = "org.springframework.security.oauth2.server.resource.InvalidBearerTokenException";

	private final @Nullable Class<? extends AuthenticationException> type;

	private final @Nullable Boolean accountExists;

	private final String reason = name().toLowerCase(Locale.ROOT);

	SignInFailures(@Nullable Class<? extends AuthenticationException> type, @Nullable Boolean accountExists) {
		this.type = type;
		this.accountExists = accountExists;
	}

	/** The first whose type the exception is (the resource server's type by name: it may be absent). */
	static SignInFailures of(AuthenticationException exception) {
		for (Class<?> type = exception.getClass(); type != null; type = type.getSuperclass()) {
			if (type.getName().equals(INVALID_BEARER_TOKEN)) {
				return INVALID_TOKEN;
			}
		}
		for (SignInFailures failure : values()) {
			if (failure.type != null && failure.type.isInstance(exception)) {
				return failure;
			}
		}
		return OTHER;
	}

	/** The reason as sent and as the meters' tag, such as {@code bad_credentials}. */
	String reason() {
		return this.reason;
	}

	/** True or false when the exception tells, else null. */
	@Nullable Boolean accountExists() {
		return this.accountExists;
	}

}
