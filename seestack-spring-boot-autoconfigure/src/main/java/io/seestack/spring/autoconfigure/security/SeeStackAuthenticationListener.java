package io.seestack.spring.autoconfigure.security;

import java.time.Duration;

import io.seestack.SeeStackClient;
import io.seestack.User;
import io.seestack.spring.autoconfigure.web.ClientIpResolver;
import jakarta.servlet.http.HttpServletRequest;
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
 * <li>{@link AuthenticationSuccessEvent}: sets the authenticated user, so that the login request itself is
 * attributed, although it usually ends (with a redirect) inside the security filter chain, before
 * {@link SeeStackUserFilter} runs.</li>
 * <li>{@link LogoutSuccessEvent}: {@link SeeStackClient#logout() logs out} (keeping the IP-only user when IP
 * collection is on), so that the events after it in the request are anonymous, and starts sending what is
 * buffered without waiting for it.</li>
 * </ul>
 * It acts only on a thread with an open SeeStack scope (the events are published on the request's thread) and
 * never sets the process-wide user. The request, for its IP, comes from Spring's {@link RequestContextHolder}.
 */
public class SeeStackAuthenticationListener implements ApplicationListener<AbstractAuthenticationEvent> {

	private static final Log logger = LogFactory.getLog(SeeStackAuthenticationListener.class);

	private final SeeStackClient client;

	private final SeeStackUserResolver resolver;

	private final ClientIpResolver ipResolver;

	/**
	 * Creates the listener.
	 * @param client the client whose current scope follows login and logout
	 * @param resolver maps the authentication to a user
	 * @param ipResolver the IP of the anonymous user after logout
	 */
	public SeeStackAuthenticationListener(SeeStackClient client, SeeStackUserResolver resolver,
			ClientIpResolver ipResolver) {
		this.client = client;
		this.resolver = resolver;
		this.ipResolver = ipResolver;
	}

	@Override
	public void onApplicationEvent(AbstractAuthenticationEvent event) {
		if (this.client.currentScope().isEmpty()) {
			return;
		}
		try {
			if (event instanceof AuthenticationSuccessEvent success) {
				loggedIn(success);
			}
			else if (event instanceof LogoutSuccessEvent) {
				loggedOut();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("SeeStack could not follow " + event.getClass().getSimpleName(), ex);
		}
	}

	private void loggedIn(AuthenticationSuccessEvent event) {
		HttpServletRequest request = currentRequest();
		if (request != null) {
			User user = ResolvedUser.of(this.resolver, event.getAuthentication(), request);
			if (user != null) {
				this.client.setUser(user);
			}
		}
	}

	private void loggedOut() {
		HttpServletRequest request = currentRequest();
		this.client.logout();
		String ip = (request != null) ? this.ipResolver.resolve(request) : null;
		if (ip != null) {
			this.client.setUser(User.builder().ip(ip).build());
		}
		this.client.flush(Duration.ZERO);
	}

	private static @Nullable HttpServletRequest currentRequest() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
	}

}
