package io.seestack.spring.autoconfigure.web.reactive;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.seestack.SeeStackClient;
import io.seestack.User;
import io.seestack.spring.autoconfigure.web.testapp.PlainPasswords;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.logout.HttpStatusReturningServerLogoutSuccessHandler;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebFilter;

/**
 * A WebFlux application on Reactor Netty with form login, HTTP Basic and a JWT resource server in one security
 * chain, 50 users, and handlers that capture on the server's thread and after thread hops.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ReactiveTestApp {

	static final int USERS = 50;

	static final KeyPair KEYS = rsaKeys();

	/** What {@link #leakDetector} saw: a SeeStack scope current on a server thread when an exchange arrived. */
	static final Queue<String> leaks = new ConcurrentLinkedQueue<>();

	/** How many {@code /slow} calls reached their handler. */
	static final AtomicInteger slowCalls = new AtomicInteger();

	/** Reactor Netty, whichever servers are on the test class path. */
	@Bean
	NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
		return new NettyReactiveWebServerFactory();
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/public/**")
				.permitAll()
				.pathMatchers("/users/{user}/**")
				.access((authentication, context) -> authentication.map((auth) -> new AuthorizationDecision(
						auth.getName().equals(context.getVariables().get("user")))))
				.anyExchange()
				.authenticated())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.logout((logout) -> logout.logoutSuccessHandler(new HttpStatusReturningServerLogoutSuccessHandler()))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder() {
		return NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
	}

	@Bean
	PlainPasswords passwordEncoder() {
		return new PlainPasswords();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		List<UserDetails> users = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			users.add(org.springframework.security.core.userdetails.User.withUsername("user%02d".formatted(i))
				.password(TestHttp.PASSWORD)
				.roles("USER")
				.build());
		}
		return new MapReactiveUserDetailsService(users);
	}

	/**
	 * First of all filters, on the server's thread: no exchange's context (every one has a trace id), nor its state,
	 * may be current when another exchange arrives. Reactor's own scope that hides the thread's context during a subscription
	 * carries nothing, and is allowed.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	WebFilter leakDetector(SeeStackClient client) {
		return (exchange, chain) -> {
			client.currentScope()
				.filter((scope) -> scope.traceId() != null || scope.ip() != null || scope.user().isPresent())
				.ifPresent((scope) -> leaks.add(Thread.currentThread().getName() + " " + scope));
			if (ExchangeState.CURRENT.get() != null) {
				leaks.add(Thread.currentThread().getName() + " an exchange's state");
			}
			return chain.filter(exchange);
		};
	}

	static String token(KeyPair keys, String subject, String uid, String username) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.claim("uid", uid)
			.claim("preferred_username", username)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	static KeyPair rsaKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Thrown by {@code /advised} and {@code /advised-hop}, answered by {@link Advice} with a 503. */
	static class AdvisedException extends RuntimeException {

		AdvisedException(String message) {
			super(message);
		}

	}

	/** Answered by {@link Advice} with a 400: below {@code seestack.exceptions.minimum-status}. */
	static class InvalidOrderException extends RuntimeException {

		InvalidOrderException(String message) {
			super(message);
		}

	}

	/** Answered by {@link Advice} with a 503, and listed in {@code seestack.exceptions.ignored}. */
	static class IgnoredException extends RuntimeException {

		IgnoredException(String message) {
			super(message);
		}

	}

	/** Answered by {@link Advice} with a 502, which also captures it itself. */
	static class ReportedException extends RuntimeException {

		ReportedException(String message) {
			super(message);
		}

	}

	/** Thrown by {@code /local}, answered by its controller's own {@code @ExceptionHandler} with a 500. */
	static class LocalException extends RuntimeException {

		LocalException(String message) {
			super(message);
		}

	}

	@RestController
	static class Endpoints {

		private final SeeStackClient client;

		private final WebClient webClient;

		Endpoints(SeeStackClient client, WebClient.Builder webClients) {
			this.client = client;
			this.webClient = webClients.build();
		}

		/** Who SeeStack thinks the user is, on the server's thread. */
		@GetMapping({ "/hello", "/users/{user}/hello", "/public/hello" })
		Mono<String> hello() {
			return Mono.just(Thread.currentThread().getName() + " " + userId());
		}

		@GetMapping({ "/boom", "/users/{user}/boom" })
		Mono<String> boom() {
			throw new IllegalStateException("boom for " + userId());
		}

		/** Captures an error itself after two thread hops, with the user it sees there. */
		@GetMapping({ "/hop", "/users/{user}/hop" })
		Mono<String> hop() {
			return Mono.delay(Duration.ofMillis(1)).publishOn(Schedulers.boundedElastic()).map((tick) -> {
				this.client.captureError(new IllegalStateException("hop for " + userId()));
				return Thread.currentThread().getName() + " " + userId();
			});
		}

		/** 256 MB in 64 KB chunks: far more than the socket buffers hold, so the client leaves while it is written. */
		@GetMapping(path = "/download", produces = "application/octet-stream")
		Flux<byte[]> download() {
			byte[] chunk = new byte[64 * 1024];
			return Flux.range(0, 4096).map((i) -> chunk);
		}

		/** Answers after a minute: a client gives up long before. */
		@GetMapping("/slow")
		Mono<String> slow() {
			slowCalls.incrementAndGet();
			return Mono.delay(Duration.ofMinutes(1)).map((tick) -> "late");
		}

		@GetMapping("/not-found")
		Mono<String> notFound() {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such thing");
		}

		@GetMapping("/advised")
		Mono<String> advised() {
			throw new AdvisedException("advised for " + userId());
		}

		/** Fails after two thread hops, in the returned {@code Mono}; {@link Advice} answers on that thread. */
		@GetMapping({ "/advised-hop", "/users/{user}/advised-hop" })
		Mono<String> advisedHop() {
			return Mono.delay(Duration.ofMillis(1)).publishOn(Schedulers.boundedElastic()).<String>map((tick) -> {
				throw new AdvisedException("advised for " + userId());
			});
		}

		@GetMapping("/invalid")
		Mono<String> invalid() {
			return Mono.error(new InvalidOrderException("invalid for " + userId()));
		}

		@GetMapping("/ignored")
		Mono<String> ignored() {
			throw new IgnoredException("ignored for " + userId());
		}

		@GetMapping("/reported")
		Mono<String> reported() {
			throw new ReportedException("reported for " + userId());
		}

		/** Calls this server through a {@code WebClient} built from Boot's builder. */
		@GetMapping("/outbound/{port}")
		Mono<String> outbound(@PathVariable int port) {
			return this.webClient.get()
				.uri("http://127.0.0.1:" + port + "/public/hello")
				.retrieve()
				.bodyToMono(String.class);
		}

		private String userId() {
			return this.client.getCurrentUser().map(User::id).orElse("none");
		}

	}

	/** The application's own answers: 5xx and 4xx, one for an ignored type, one that captures itself too. */
	@RestControllerAdvice
	static class Advice {

		private final SeeStackClient client;

		Advice(SeeStackClient client) {
			this.client = client;
		}

		@ExceptionHandler(AdvisedException.class)
		ResponseEntity<String> advised(AdvisedException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("advised");
		}

		@ExceptionHandler(InvalidOrderException.class)
		ResponseEntity<String> invalid(InvalidOrderException ex) {
			return ResponseEntity.badRequest().body("invalid");
		}

		@ExceptionHandler(IgnoredException.class)
		ResponseEntity<String> ignored(IgnoredException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("ignored");
		}

		@ExceptionHandler(ReportedException.class)
		ResponseEntity<String> reported(ReportedException ex) {
			this.client.captureError(ex);
			return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body("reported");
		}

	}

	/** A controller that answers its own exception. */
	@RestController
	static class LocalEndpoints {

		private final SeeStackClient client;

		LocalEndpoints(SeeStackClient client) {
			this.client = client;
		}

		@GetMapping("/local")
		Mono<String> local() {
			throw new LocalException("local for " + this.client.getCurrentUser().map(User::id).orElse("none"));
		}

		@ExceptionHandler(LocalException.class)
		ResponseEntity<String> local(LocalException ex) {
			return ResponseEntity.internalServerError().body("local");
		}

	}

}
