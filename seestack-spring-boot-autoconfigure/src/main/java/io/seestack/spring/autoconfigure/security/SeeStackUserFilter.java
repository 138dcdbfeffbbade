package io.seestack.spring.autoconfigure.security;

import java.io.IOException;

import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.User;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the user of the request's SeeStack scope from the request's {@link Authentication}. Registered right after
 * Spring Security's filter chain, for request, async and error dispatches: it runs inside the chain's
 * {@code SecurityContextHolderFilter}, once authentication is done, and before any handler.
 *
 * <p>When the resolver finds no user (anonymous, or not authenticated) the scope keeps what it has: no user, or
 * the user that a login in this request set. The scope's IP is the request's either way. Outside a SeeStack scope it does nothing,
 * so that it can never set the process-wide user.
 */
public class SeeStackUserFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(SeeStackUserFilter.class);

	private static final String ALREADY_FILTERED_ATTRIBUTE = SeeStackUserFilter.class.getName()
			+ ALREADY_FILTERED_SUFFIX;

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

	/**
	 * A constant: the inherited name is concatenated (and then hashed by the request's attribute map) on every
	 * request.
	 */
	@Override
	protected String getAlreadyFilteredAttributeName() {
		return ALREADY_FILTERED_ATTRIBUTE;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = this.securityContextHolderStrategy.getContext().getAuthentication();
		Scope scope = (authentication != null) ? this.client.currentScope().orElse(null) : null;
		if (scope != null) {
			try {
				User user = ResolvedUser.of(this.resolver, authentication, request);
				if (user != null) {
					scope.setUser(user);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("SeeStackUserResolver failed; the request's user is left as it was", ex);
			}
		}
		chain.doFilter(request, response);
	}

}
