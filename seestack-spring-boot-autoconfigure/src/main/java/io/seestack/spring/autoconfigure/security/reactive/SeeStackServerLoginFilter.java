package io.seestack.spring.autoconfigure.security.reactive;

import io.seestack.ScopeSnapshot;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.security.SeeStackUserResolver;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;

/**
 * Attributes a WebFlux form login to the user who logged in. Reactive Spring Security publishes no
 * {@code AuthenticationSuccessEvent} and no {@code LogoutSuccessEvent}, and a login request ends inside its
 * filter chain (with a redirect), so {@link SeeStackServerUserFilter} never sees it. This filter, just before
 * Spring Security's {@code WebFilterChainProxy}, looks after the chain of a {@code POST} that did not reach the user
 * filter (a login, a logout, a rejected request) at the security context that Spring Security's session repository
 * ({@link WebSessionServerSecurityContextRepository}, the default) holds: after a login, the new user's, so the login
 * exchange completes with that user; after a logout, none, so the logout exchange completes anonymous.
 *
 * <p>It only reads the session, and only when the chain asked for it: the session Mono is the exchange's own,
 * cached one, which Spring Security has then already resolved. A stateless chain (a JWT resource server, say) never
 * asks, so its rejected {@code POST}s resolve no session for SeeStack's sake. Nothing is changed in the response.
 */
public class SeeStackServerLoginFilter implements WebFilter, Ordered {

	private final ExchangeUsers users;

	private final int order;

	/**
	 * Creates the filter.
	 * @param client the client that takes the snapshots
	 * @param resolver maps the authentication to a user
	 * @param order the filter's order: right before Spring Security's {@code WebFilterChainProxy}
	 */
	public SeeStackServerLoginFilter(SeeStackClient client, SeeStackUserResolver resolver, int order) {
		this.users = new ExchangeUsers(client, resolver);
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getAttribute(ScopeSnapshot.CONTEXT_KEY) == null
				|| !HttpMethod.POST.equals(exchange.getRequest().getMethod())) {
			return chain.filter(exchange);
		}
		SessionWatchingExchange watched = new SessionWatchingExchange(exchange);
		return chain.filter(watched).then(Mono.defer(() -> afterSecurity(exchange, watched.sessionAsked)));
	}

	private Mono<Void> afterSecurity(ServerWebExchange exchange, boolean sessionAsked) {
		if (!sessionAsked || exchange.getAttribute(SeeStackServerUserFilter.REACHED_ATTRIBUTE) != null) {
			return Mono.empty();
		}
		return exchange.getSession().doOnNext((session) -> {
			Object saved = session
				.getAttribute(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME);
			if (saved instanceof SecurityContext security) {
				this.users.identify(exchange, security.getAuthentication());
			}
		}).onErrorResume((ex) -> Mono.empty()).then();
	}

	/** Notes whether anything down the chain asked for the session. */
	private static final class SessionWatchingExchange extends ServerWebExchangeDecorator {

		private volatile boolean sessionAsked;

		SessionWatchingExchange(ServerWebExchange exchange) {
			super(exchange);
		}

		@Override
		public Mono<WebSession> getSession() {
			this.sessionAsked = true;
			return super.getSession();
		}

	}

}
