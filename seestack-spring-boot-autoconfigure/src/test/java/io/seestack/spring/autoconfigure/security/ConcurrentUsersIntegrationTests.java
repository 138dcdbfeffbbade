package io.seestack.spring.autoconfigure.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.ContextEndpoints;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.PlainPasswords;
import io.seestack.spring.autoconfigure.web.testapp.TestAdvice;
import io.seestack.spring.autoconfigure.web.testapp.TestEndpoints;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static io.seestack.spring.autoconfigure.web.testapp.TestHttp.traceId;
import static io.seestack.spring.autoconfigure.web.testapp.TestHttp.traceparent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many users at once on a server with four threads, their requests mixing synchronous handlers, {@code Callable}s,
 * {@code DeferredResult}s completed on another pool and work handed to a wrapped executor: every HTTP request
 * item, every error and every log carries exactly the user of its own request (told apart by the trace id each
 * request sends), and no server thread starts a request with a SeeStack scope left over from another.
 */
@SpringBootTest(classes = ConcurrentUsersIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "seestack.api-key=" + IngestServer.API_KEY,
				"seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e", "seestack.flush-interval=100ms",
				"seestack.buffer-size=20000", "seestack.identical-errors-per-second=0", "seestack.logs.enabled=false",
				"server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=4",
				"logging.level.org.apache.catalina=off", "logging.level.io.seestack=warn" })
class ConcurrentUsersIntegrationTests {

	private static final int USERS = 50;

	private static final int REQUESTS = Integer.getInteger("seestack.test.requests", 5_000);

	private static final int CLIENT_THREADS = 32;

	private static final IngestServer ingest = IngestServer.start();

	/** What {@link App#leakDetector} saw: a scope current on a server thread outside of any request's own. */
	private static final Queue<String> leaks = new ConcurrentLinkedQueue<>();

	@LocalServerPort
	private int port;

	@Autowired
	private SeeStackClient client;

	@DynamicPropertySource
	static void ingestHost(DynamicPropertyRegistry registry) {
		registry.add("seestack.host", ingest::url);
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@Test
	void attributesEveryEventToTheUserOfItsOwnRequest() throws Exception {
		Map<String, Expected> expected = new HashMap<>();
		for (int i = 0; i < REQUESTS; i++) {
			Expected request = Expected.of(i);
			expected.put(traceId(i), request);
		}
		long start = System.nanoTime();
		AtomicInteger next = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
		try {
			List<Future<List<String>>> results = new ArrayList<>();
			for (int t = 0; t < CLIENT_THREADS; t++) {
				results.add(clients.submit(() -> {
					TestHttp http = new TestHttp(this.port);
					List<String> wrong = new ArrayList<>();
					for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
						Expected request = Expected.of(i);
						HttpResponse<byte[]> response = (request.user != null)
								? http.get(request.path, "Authorization", TestHttp.basic(request.user), "traceparent",
										traceparent(i))
								: http.get(request.path, "traceparent", traceparent(i));
						if (response.statusCode() != request.status) {
							wrong.add(request.path + " answered " + response.statusCode());
						}
					}
					return wrong;
				}));
			}
			for (Future<List<String>> result : results) {
				assertThat(result.get(120, TimeUnit.SECONDS)).isEmpty();
			}
		}
		finally {
			clients.shutdownNow();
		}
		System.out.printf("%d requests answered in %d ms%n", REQUESTS, (System.nanoTime() - start) / 1_000_000);
		long errorCount = expected.values().stream().filter((request) -> request.error).count();
		long logCount = expected.values().stream().filter((request) -> request.log).count();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.client.flush(Duration.ofSeconds(5)) && ingest.count(Payloads.ERRORS) >= errorCount
					&& ingest.count(Payloads.LOGS) >= logCount);
		List<JsonNode> items = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			this.client.flush(Duration.ofSeconds(5));
			return Payloads.httpItems(ingest);
		}, (received) -> received.size() >= REQUESTS);

		assertThat(items).hasSize(REQUESTS);
		for (JsonNode item : items) {
			Expected request = expected.get(text(item, "traceId"));
			assertThat(request).as("item %s", item).isNotNull();
			assertThat(text(item, "userId")).as("user of %s", item).isEqualTo(request.user);
			assertThat(text(item, "path")).isEqualTo(request.path);
			assertThat(item.get("statusCode").asInt()).isEqualTo(request.status);
		}
		assertThat(items.stream().map((item) -> text(item, "traceId")).distinct()).hasSize(REQUESTS);

		List<JsonNode> errors = Payloads.errors(ingest);
		assertThat(errors).hasSize((int) errorCount);
		for (JsonNode error : errors) {
			Expected request = expected.get(text(error, "metadata", "traceId"));
			assertThat(request).as("error %s", error).isNotNull();
			assertThat(text(error, "user", "id")).as("user of %s", error).isEqualTo(request.user);
			assertThat(text(error, "message")).isEqualTo("boom for " + request.user);
		}
		List<JsonNode> logs = ingest.bodies(Payloads.LOGS);
		assertThat(logs).hasSize((int) logCount);
		for (JsonNode log : logs) {
			Expected request = expected.get(text(log, "traceId"));
			assertThat(request).as("log %s", log).isNotNull();
			assertThat(text(log, "metadata", "userId")).as("user of %s", log).isEqualTo(request.user);
			assertThat(text(log, "message")).endsWith(" for " + request.user);
		}
		assertThat(leaks).as("scopes left on server threads").isEmpty();
	}

	/** Request {@code i}: who sends it, where, the status it gets, and whether it captures an error and a log. */
	private record Expected(String user, String path, int status, boolean error, boolean log) {

		static Expected of(int i) {
			String user = "user%02d".formatted(i % USERS);
			return switch (i % 8) {
				case 0 -> new Expected(user, "/users/" + user + "/boom", 500, true, false);
				case 1 -> new Expected(null, "/public/hello", 200, false, false);
				case 2 -> new Expected(user, "/async/hello", 200, false, false);
				case 3 -> new Expected(user, "/context/users/" + user + "/callable-boom", 500, true, true);
				case 4 -> new Expected(user, "/context/users/" + user + "/deferred-boom", 500, true, true);
				case 5 -> new Expected(user, "/context/users/" + user + "/wrapped-work", 200, true, true);
				default -> new Expected(user, "/users/" + user + "/hello", 200, false, false);
			};
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ TestEndpoints.class, TestAdvice.class, ContextEndpoints.class })
	static class App {

		@Bean
		ContextEndpoints.AsyncWork asyncWork(SeeStackClient client) {
			return new ContextEndpoints.AsyncWork(client);
		}

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/public/**")
				.permitAll()
				.requestMatchers("/users/{user}/**", "/context/users/{user}/**")
				.access((authentication, context) -> new org.springframework.security.authorization.AuthorizationDecision(
						authentication.get().getName().equals(context.getVariables().get("user"))))
				.anyRequest()
				.authenticated())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			return http.build();
		}

		@Bean
		PlainPasswords passwordEncoder() {
			return new PlainPasswords();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			List<UserDetails> users = new ArrayList<>();
			for (int i = 0; i < USERS; i++) {
				users.add(User.withUsername("user%02d".formatted(i))
					.password(TestHttp.PASSWORD)
					.roles("USER")
					.build());
			}
			return new InMemoryUserDetailsManager(users);
		}

		/** First of all filters: no SeeStack scope may be current when a dispatch starts or after it ends. */
		@Bean
		FilterRegistrationBean<Filter> leakDetector(SeeStackClient client) {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				client.currentScope().ifPresent((scope) -> leaks.add("before " + scope));
				try {
					chain.doFilter(request, response);
				}
				finally {
					client.currentScope().ifPresent((scope) -> leaks.add("after " + scope));
				}
			});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
			return registration;
		}

	}

}
