package io.seestack.spring.autoconfigure.security;

import io.seestack.User;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * The user of a request's authentication, resolved once: a login publishes {@code AuthenticationSuccessEvent}
 * (HTTP Basic does on every request) and the user filter then sees the same authentication. Kept in a request
 * attribute, for the authentication instance and resolver that found it.
 */
final class ResolvedUser {

	private static final String ATTRIBUTE = ResolvedUser.class.getName();

	private final SeeStackUserResolver resolver;

	private final Authentication authentication;

	private final @Nullable User user;

	private ResolvedUser(SeeStackUserResolver resolver, Authentication authentication, @Nullable User user) {
		this.resolver = resolver;
		this.authentication = authentication;
		this.user = user;
	}

	static @Nullable User of(SeeStackUserResolver resolver, Authentication authentication,
			HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof ResolvedUser resolved && resolved.resolver == resolver
				&& resolved.authentication == authentication) {
			return resolved.user;
		}
		User user = resolver.resolve(authentication);
		request.setAttribute(ATTRIBUTE, new ResolvedUser(resolver, authentication, user));
		return user;
	}

}
