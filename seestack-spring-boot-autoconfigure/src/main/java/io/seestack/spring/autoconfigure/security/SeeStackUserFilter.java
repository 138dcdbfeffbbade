package io.seestack.spring.autoconfigure.security;

import java.io.IOException;

import io.seestack.SeeStackClient;
import io.seestack.User;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Sets the user of the request's SeeStack scope from the request's {@link Authentication}. Registered right after
 * Spring Security's filter chain, for request, async and error dispatches: it runs inside the chain's
 * {@code SecurityContextHolderFilter}, once authentication is done, and before any handler.
 *
 * <p>When the resolver finds no user (anonymous, or not authenticated) the scope keeps what it has: the
 * request's IP-only user, or the user that a login in this request set. Outside a SeeStack scope it does nothing,
 * so that it can never set the process-wide user.
 *
 * <p>A plain {@link Filter}, not a {@code OncePerRequestFilter}, for the reason given on
 * {@link io.seestack.spring.autoconfigure.web.SeeStackRequestFilter}: were it run again in a nested dispatch, it
 * would only set the same user again.
 */
public class SeeStackUserFilter implements Filter {

	private static final Log logger = LogFactory.getLog(SeeStackUserFilter.class);

	private final SeeStackClient client;

	private final SeeStackUserResolver resolver;

	private final SecurityContextHolderStrategy securityContextHolderStrategy;

	/**
	 * Creates the filter.
	 * @param client the client whose current scope gets the user
	 * @param resolver maps the authentication to a user
	 * @param securityContextHolderStrategy where Spring Security keeps the request's authentication
	 */
	public SeeStackUserFilter(SeeStackClient client, SeeStackUserResolver resolver,
			SecurityContextHolderStrategy securityContextHolderStrategy) {
		this.client = client;
		this.resolver = resolver;
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		Authentication authentication = this.securityContextHolderStrategy.getContext().getAuthentication();
		if (authentication != null && request instanceof HttpServletRequest httpRequest
				&& this.client.currentScope().isPresent()) {
			try {
				User user = ResolvedUser.of(this.resolver, authentication, httpRequest);
				if (user != null) {
					this.client.setUser(user);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("SeeStackUserResolver failed; the request's user is left as it was", ex);
			}
		}
		chain.doFilter(request, response);
	}

}
