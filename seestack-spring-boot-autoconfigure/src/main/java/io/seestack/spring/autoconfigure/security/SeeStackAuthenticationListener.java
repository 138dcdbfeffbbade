package io.seestack.spring.autoconfigure.security;

import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.User;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Follows Spring Security's login and logout in the request's SeeStack scope.
 * <ul>
 * <li>{@link AuthenticationSuccessEvent}: sets the authenticated user on the scope, so that the login request
 * itself is attributed, although it usually ends (with a redirect) inside the security filter chain, before
 * {@link SeeStackUserFilter} runs.</li>
 * <li>{@link LogoutSuccessEvent}: {@link SeeStackClient#logout() logs out} of the scope, so that the events after
 * it in the request are anonymous (they keep the request's IP), and releases the logs this request's scope held.
 * Other requests' scopes keep theirs.</li>
 * </ul>
 * It acts only on a thread with an open SeeStack scope (the events are published on the request's thread) and
 * never sets the process-wide user.
 */
public class SeeStackAuthenticationListener implements ApplicationListener<AbstractAuthenticationEvent> {

	private static final Log logger = LogFactory.getLog(SeeStackAuthenticationListener.class);

	private final SeeStackClient client;

	private final SeeStackUserResolver resolver;

	/**
	 * Creates the listener.
	 * @param client the client whose current scope follows login and logout
	 * @param resolver maps the authentication to a user
	 */
	public SeeStackAuthenticationListener(SeeStackClient client, SeeStackUserResolver resolver) {
		this.client = client;
		this.resolver = resolver;
	}

	@Override
	public void onApplicationEvent(AbstractAuthenticationEvent event) {
		Scope scope = this.client.currentScope().orElse(null);
		if (scope == null) {
			return;
		}
		try {
			if (event instanceof AuthenticationSuccessEvent success) {
				User user = resolve(success);
				if (user != null) {
					scope.setUser(user);
				}
			}
			else if (event instanceof LogoutSuccessEvent) {
				this.client.logout();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("SeeStack could not follow " + event.getClass().getSimpleName(), ex);
		}
	}

	/** Through the request's cache when there is a request, so the user filter does not resolve it again. */
	private @Nullable User resolve(AuthenticationSuccessEvent event) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			return ResolvedUser.of(this.resolver, event.getAuthentication(), servlet.getRequest());
		}
		return this.resolver.resolve(event.getAuthentication());
	}

}
