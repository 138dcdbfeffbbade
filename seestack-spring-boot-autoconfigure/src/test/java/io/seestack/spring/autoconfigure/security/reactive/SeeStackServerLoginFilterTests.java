package io.seestack.spring.autoconfigure.security.reactive;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.seestack.ScopeSnapshot;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import io.seestack.transport.TransportResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login filter reads the session a chain used, and resolves none that the chain did not ask for: a stateless
 * chain's rejected {@code POST} costs no session.
 */
class SeeStackServerLoginFilterTests {

	private final SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder()
		.apiKey("k")
		.transport((request) -> CompletableFuture.completedFuture(new TransportResponse(202, null)))
		.shutdownHook(false)
		.build());

	private final SeeStackServerLoginFilter filter = new SeeStackServerLoginFilter(this.client,
			(authentication) -> User.builder().id(authentication.getName()).build(), -101);

	private final InMemoryWebSessionStore store = new InMemoryWebSessionStore();

	private final AtomicInteger sessionsResolved = new AtomicInteger();

	private final WebSessionManager sessions = (exchange) -> Mono.defer(() -> {
		this.sessionsResolved.incrementAndGet();
		return this.store.createWebSession();
	});

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void aStatelessChainsRejectedPostResolvesNoSession() {
		ServerWebExchange exchange = post();
		WebFilterChain rejects = (chained) -> {
			chained.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
			return Mono.empty();
		};

		this.filter.filter(exchange, rejects).block();

		assertThat(this.sessionsResolved).hasValue(0);
		assertThat(user(exchange)).isNull();
	}

	@Test
	void aLoginThatSavedItsContextInTheSessionGivesTheExchangeItsUser() {
		ServerWebExchange exchange = post();
		WebFilterChain logsIn = (chained) -> chained.getSession()
			.doOnNext((session) -> session.getAttributes()
				.put(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME,
						new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("jane", null, List.of()))))
			.then();

		this.filter.filter(exchange, logsIn).block();

		assertThat(this.sessionsResolved).hasValue(1);
		assertThat(user(exchange)).isEqualTo("jane");
	}

	private ServerWebExchange post() {
		ServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.post("/login"))
			.sessionManager(this.sessions)
			.build();
		exchange.getAttributes().put(ScopeSnapshot.CONTEXT_KEY, this.client.snapshot());
		return exchange;
	}

	private String user(ServerWebExchange exchange) {
		ScopeSnapshot context = exchange.getAttribute(ScopeSnapshot.CONTEXT_KEY);
		try (var scope = context.restore()) {
			return this.client.getCurrentUser().map(User::id).orElse(null);
		}
	}

}
