package io.seestack.spring.autoconfigure.security;

import io.seestack.User;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * Maps a Spring Security {@link Authentication} to the SeeStack {@link User} that the request's events carry: the
 * identity only (the request's IP and trace id are the scope's, set apart). Define a bean of this type to replace
 * the default, {@link DefaultSeeStackUserResolver}; it may delegate to it and add to the user it returns:
 *
 * <pre>{@code
 * @Bean
 * SeeStackUserResolver seeStackUserResolver(SeeStackProperties properties) {
 *     SeeStackUserResolver defaults = DefaultSeeStackUserResolver.from(properties);
 *     return (authentication) -> {
 *         User user = defaults.resolve(authentication);
 *         return (user != null) ? user.toBuilder().data("plan", planOf(authentication)).build() : null;
 *     };
 * }
 * }</pre>
 *
 * <p>Called on the request's thread, after Spring Security's filter chain has run and when an authentication
 * succeeds, at most once per authentication and request; it must be fast and should not throw (an exception is
 * logged, and the user left as it was).
 */
@FunctionalInterface
public interface SeeStackUserResolver {

	/**
	 * The user for an authentication.
	 * @param authentication the request's authentication, which may be anonymous or not authenticated
	 * @return the user, or {@code null} when the request is anonymous
	 */
	@Nullable User resolve(Authentication authentication);

}
