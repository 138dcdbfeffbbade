package io.seestack.spring.autoconfigure.security.reactive;

import java.util.Optional;

import io.seestack.ScopeSnapshot;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.security.SeeStackUserResolver;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Sets the user of a WebFlux exchange's SeeStack context from the exchange's {@code Authentication}, as
 * {@link ReactiveSecurityContextHolder} has it once Spring Security's {@code WebFilterChainProxy} has
 * authenticated the exchange, through the same {@link SeeStackUserResolver} as the servlet side. The rest of the
 * chain, the application's handlers included, runs with the identified context in its Reactor {@code Context}.
 *
 * <p>When the resolver finds no user (anonymous, or not authenticated) the context keeps what it has: no user.
 * Outside a SeeStack exchange (no context among the exchange's attributes) it does nothing.
 */
public class SeeStackServerUserFilter implements WebFilter, Ordered {

	/** The exchange attribute that says the exchange got past Spring Security to this filter. */
	static final String REACHED_ATTRIBUTE = SeeStackServerUserFilter.class.getName() + ".REACHED";

	private final ExchangeUsers users;

	private final int order;

	/**
	 * Creates the filter.
	 * @param client the client that takes the snapshots
	 * @param resolver maps the authentication to a user
	 * @param order the filter's order: right after Spring Security's {@code WebFilterChainProxy}
	 */
	public SeeStackServerUserFilter(SeeStackClient client, SeeStackUserResolver resolver, int order) {
		this.users = new ExchangeUsers(client, resolver);
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getAttribute(ScopeSnapshot.CONTEXT_KEY) == null) {
			return chain.filter(exchange);
		}
		exchange.getAttributes().put(REACHED_ATTRIBUTE, Boolean.TRUE);
		return ReactiveSecurityContextHolder.getContext()
			.map((security) -> Optional.ofNullable(this.users.identify(exchange, security.getAuthentication())))
			.defaultIfEmpty(Optional.empty())
			.flatMap((identified) -> identified.isPresent()
					? chain.filter(exchange).contextWrite(Context.of(ScopeSnapshot.CONTEXT_KEY, identified.get()))
					: chain.filter(exchange));
	}

}
