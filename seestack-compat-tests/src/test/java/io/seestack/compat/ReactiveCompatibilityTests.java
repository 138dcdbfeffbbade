package io.seestack.compat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.seestack.SeeStackClient;
import io.seestack.User;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.SpringVersion;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.DispatcherHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a WebFlux application of the module's Boot line (on Tomcat, the server the module has), with
 * reactive Spring Security, against a real ingest server on loopback: the exceptions that the application's
 * {@code @RestControllerAdvice} answers are captured by the status it answers, with the exchange's user, on this
 * line's Spring Framework. Its context is closed after it, so that it gives the static facade back.
 */
@SpringBootTest(classes = ReactiveCompatibilityTests.ReactiveApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "seestack.api-key=" + LoopbackIngest.API_KEY,
				"seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e", "seestack.flush-interval=100ms",
				"seestack.send-default-pii=true", "seestack.exceptions.ignored=" + ReactiveCompatibilityTests.IGNORED })
@DirtiesContext
class ReactiveCompatibilityTests {

	static final String IGNORED = "io.seestack.compat.ReactiveCompatibilityTests$IgnoredException";

	private static final LoopbackIngest ingest = new LoopbackIngest();

	@LocalServerPort
	private int port;

	@Autowired
	private SeeStackClient client;

	@Autowired
	private ApplicationContext context;

	private Http http;

	@DynamicPropertySource
	static void ingestHost(DynamicPropertyRegistry registry) {
		registry.add("seestack.host", ingest::url);
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		assertThat(this.client.flush(Duration.ofSeconds(10))).isTrue();
		ingest.reset();
	}

	@Test
	void capturesWhatTheAdviceAnswersByItsStatusWithTheExchangesUser() {
		assertThat(SpringVersion.getVersion()).startsWith(System.getProperty("expected.spring-framework"));
		assertThat(this.context.getBeanNamesForType(DispatcherHandler.class)).as("WebFlux's dispatcher").isNotEmpty();

		assertThat(this.http.get("/advised", "Authorization", Http.basic("ada")).statusCode()).isEqualTo(503);
		assertThat(this.http.get("/advised-hop", "Authorization", Http.basic("bo")).statusCode()).isEqualTo(503);
		assertThat(this.http.get("/invalid", "Authorization", Http.basic("ada")).statusCode()).isEqualTo(400);
		assertThat(this.http.get("/ignored", "Authorization", Http.basic("ada")).statusCode()).isEqualTo(503);
		assertThat(this.http.get("/boom", "Authorization", Http.basic("bo")).statusCode()).isEqualTo(500);

		awaitItems(5);
		assertThat(ingest.bodies("/ingest/v1/errors")).extracting((error) -> text(error, "message") + " "
				+ text(error, "user", "id") + " " + text(error, "metadata", "http.status") + " "
				+ text(error, "metadata", "handled"))
			.containsExactlyInAnyOrder("advised for ada ada 503 true", "advised for bo bo 503 true",
					"boom for bo bo 500 false");
	}

	private void awaitItems(int count) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
			this.client.flush(Duration.ofSeconds(5));
			return items() >= count;
		});
		assertThat(this.client.flush(Duration.ofSeconds(10))).as("everything captured was delivered").isTrue();
	}

	private static int items() {
		int items = 0;
		for (Object body : ingest.bodies("/ingest/v1/http-requests")) {
			items += ((List<?>) ((Map<?, ?>) body).get("requests")).size();
		}
		return items;
	}

	private static String text(Object node, String... names) {
		return JsonText.text(node, names);
	}

	/** A WebFlux application with HTTP Basic, its endpoints and its advice; found by no component scan. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Endpoints.class, Advice.class })
	static class ReactiveApp {

		@Bean
		SecurityWebFilterChain security(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			List<org.springframework.security.core.userdetails.UserDetails> users = new ArrayList<>();
			for (String name : List.of("ada", "bo")) {
				users.add(org.springframework.security.core.userdetails.User.withUsername(name)
					.password("{noop}" + CompatApp.PASSWORD)
					.roles("USER")
					.build());
			}
			return new MapReactiveUserDetailsService(users);
		}

	}

	@RestController
	static class Endpoints {

		private final SeeStackClient client;

		Endpoints(SeeStackClient client) {
			this.client = client;
		}

		@GetMapping("/advised")
		Mono<String> advised() {
			throw new AdvisedException("advised for " + userId());
		}

		/** Fails after two thread hops, in the returned {@code Mono}. */
		@GetMapping("/advised-hop")
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

		@GetMapping("/boom")
		Mono<String> boom() {
			throw new IllegalStateException("boom for " + userId());
		}

		private String userId() {
			return this.client.getCurrentUser().map(User::id).orElse("none");
		}

	}

	/** The application's own answers: a 503, a 400, and a 503 for a type listed in the ignored ones. */
	@RestControllerAdvice
	static class Advice {

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

	}

	static class AdvisedException extends RuntimeException {

		AdvisedException(String message) {
			super(message);
		}

	}

	static class InvalidOrderException extends RuntimeException {

		InvalidOrderException(String message) {
			super(message);
		}

	}

	static class IgnoredException extends RuntimeException {

		IgnoredException(String message) {
			super(message);
		}

	}

}
