package io.seestack.spring.autoconfigure.security;

import io.seestack.User;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * Maps the Spring Security {@link Authentication} of a request to the SeeStack {@link User} that the request's
 * events carry. Define a bean of this type to replace the default, {@link DefaultSeeStackUserResolver}; it may
 * delegate to the default and add to the user it returns:
 *
 * <pre>{@code
 * @Bean
 * SeeStackUserResolver seeStackUserResolver(SeeStackProperties properties, ClientIpResolver ipResolver) {
 *     DefaultSeeStackUserResolver defaults = new DefaultSeeStackUserResolver(properties, ipResolver);
 *     return (authentication, request) -> {
 *         User user = defaults.resolve(authentication, request);
 *         return (user != null) ? user.toBuilder().data("tenant", request.getHeader("X-Tenant")).build() : null;
 *     };
 * }
 * }</pre>
 *
 * <p>Called on the request's thread, after Spring Security's filter chain has run and when an authentication
 * succeeds; it must be fast and should not throw (an exception is logged, and the user left as it was).
 */
@FunctionalInterface
public interface SeeStackUserResolver {

	/**
	 * The user for an authentication.
	 * @param authentication the request's authentication, which may be anonymous or not authenticated
	 * @param request the request, for its IP address
	 * @return the user, or {@code null} when the request is anonymous
	 */
	@Nullable User resolve(Authentication authentication, HttpServletRequest request);

}
