package io.seestack.spring.autoconfigure.security.reactive;

import io.seestack.Scope;
import io.seestack.ScopeSnapshot;
import io.seestack.SeeStackClient;
import io.seestack.User;
import io.seestack.spring.autoconfigure.security.SeeStackUserResolver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;

/**
 * Gives an exchange's SeeStack context the user of an authentication. The context is the snapshot that the
 * WebFlux filter keeps in the exchange's attributes under {@link ScopeSnapshot#CONTEXT_KEY}; the user's is a new
 * snapshot of it, in the same unit of work, put back there, so that the exchange completes with the user.
 */
final class ExchangeUsers {

	private static final Log logger = LogFactory.getLog(ExchangeUsers.class);

	private final SeeStackClient client;

	private final SeeStackUserResolver resolver;

	ExchangeUsers(SeeStackClient client, SeeStackUserResolver resolver) {
		this.client = client;
		this.resolver = resolver;
	}

	/**
	 * The exchange's context with the authentication's user, also kept in the exchange; {@code null} when the
	 * exchange has no SeeStack context, or the authentication no user (anonymous, not authenticated: the context
	 * keeps what it has).
	 */
	@Nullable ScopeSnapshot identify(ServerWebExchange exchange, @Nullable Authentication authentication) {
		ScopeSnapshot context = exchange.getAttribute(ScopeSnapshot.CONTEXT_KEY);
		if (context == null || authentication == null) {
			return null;
		}
		try {
			User user = this.resolver.resolve(authentication);
			if (user == null) {
				return null;
			}
			ScopeSnapshot identified;
			try (Scope scope = context.restore()) {
				scope.setUser(user);
				identified = this.client.snapshot();
			}
			exchange.getAttributes().put(ScopeSnapshot.CONTEXT_KEY, identified);
			return identified;
		}
		catch (RuntimeException ex) {
			logger.warn("SeeStackUserResolver failed; the exchange's user is left as it was", ex);
			return null;
		}
	}

}
