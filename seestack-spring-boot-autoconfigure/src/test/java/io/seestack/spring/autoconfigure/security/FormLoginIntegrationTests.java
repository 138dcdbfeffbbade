package io.seestack.spring.autoconfigure.security;

import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.PlainPasswords;
import io.seestack.spring.autoconfigure.web.testapp.TestAdvice;
import io.seestack.spring.autoconfigure.web.testapp.TestEndpoints;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.awaitHttpItems;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.errors;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static io.seestack.spring.autoconfigure.web.testapp.TestHttp.traceId;
import static io.seestack.spring.autoconfigure.web.testapp.TestHttp.traceparent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form login application with sessions: the login request itself is attributed, the session's requests carry
 * the user, and after logout (in the logout request itself, and afterwards) events are anonymous.
 */
@SpringBootTest(classes = FormLoginIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "seestack.api-key=" + IngestServer.API_KEY,
				"seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e", "seestack.flush-interval=100ms",
				"seestack.send-default-pii=true" })
class FormLoginIntegrationTests {

	private static final IngestServer ingest = IngestServer.start();

	@LocalServerPort
	private int port;

	@Autowired
	private SeeStackClient client;

	private TestHttp http;

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
		this.http = new TestHttp(this.port);
		Payloads.flush(this.client);
		ingest.reset();
	}

	@Test
	void attributesTheLoginRequestTheSessionAndNothingAfterLogout() {
		assertThat(this.http.postForm("/login", "username=alice&password=" + TestHttp.PASSWORD).statusCode())
			.isEqualTo(302);
		assertThat(this.http.get("/hello").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/boom").statusCode()).isEqualTo(500);
		assertThat(this.http.postForm("/logout", "").statusCode()).isEqualTo(204);
		assertThat(this.http.get("/public/boom").statusCode()).isEqualTo(500);
		assertThat(this.http.get("/public/hello").statusCode()).isEqualTo(200);
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 6);
		assertThat(items).extracting((item) -> item.get("method").asString() + " " + text(item, "path") + " "
				+ item.get("statusCode").asInt() + " " + text(item, "userId"))
			.containsExactlyInAnyOrder("POST /login 302 alice", "GET /hello 200 alice", "GET /boom 500 alice",
					"POST /logout 204 null", "GET /public/boom 500 null", "GET /public/hello 200 null");
		assertThat(errors(ingest)).extracting((error) -> text(error, "message") + " " + text(error, "user", "id"))
			.containsExactlyInAnyOrder("boom alice", "after logout null", "boom null");
		assertThat(errors(ingest)).allSatisfy((error) -> assertThat(text(error, "user", "ip")).isEqualTo("127.0.0.1"));
	}

	@Test
	void theApplicationsOwnLogLineCarriesTheSessionsUserAndNoneAfterLogout() {
		this.http.postForm("/login", "username=alice&password=" + TestHttp.PASSWORD);
		assertThat(this.http.get("/warn").statusCode()).isEqualTo(200);
		this.http.postForm("/logout", "");
		assertThat(this.http.get("/public/warn").statusCode()).isEqualTo(200);
		Payloads.flush(this.client);
		assertThat(ingest.bodies(Payloads.LOGS)).filteredOn((log) -> "Order total recalculated".equals(text(log,
				"message")))
			.extracting((log) -> String.valueOf(text(log, "metadata", "userId")))
			.containsExactlyInAnyOrder("alice", "null");
	}

	@Test
	void attributesNothingToAFailedLogin() {
		assertThat(this.http.postForm("/login", "username=alice&password=wrong").statusCode()).isEqualTo(302);
		assertThat(this.http.get("/hello").statusCode()).as("redirected to the login page").isEqualTo(302);
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 2);
		assertThat(items).allSatisfy((item) -> assertThat(item.has("userId")).isFalse());
	}

	@Test
	void keepsTheUsersOfTwoSessionsApart() {
		TestHttp bob = new TestHttp(this.port);
		this.http.postForm("/login", "username=alice&password=" + TestHttp.PASSWORD, "traceparent", traceparent(1));
		bob.postForm("/login", "username=bob&password=" + TestHttp.PASSWORD, "traceparent", traceparent(2));
		this.http.get("/boom", "traceparent", traceparent(3));
		bob.get("/boom", "traceparent", traceparent(4));
		this.http.get("/hello", "traceparent", traceparent(5));
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 5);
		assertThat(items).extracting((item) -> text(item, "traceId") + " " + text(item, "userId"))
			.containsExactlyInAnyOrder(traceId(1) + " alice", traceId(2) + " bob", traceId(3) + " alice",
					traceId(4) + " bob", traceId(5) + " alice");
		assertThat(errors(ingest))
			.extracting((error) -> text(error, "metadata", "traceId") + " " + text(error, "user", "id"))
			.containsExactlyInAnyOrder(traceId(3) + " alice", traceId(4) + " bob");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ TestEndpoints.class, TestAdvice.class })
	static class App {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http, SeeStackClient seeStackClient) {
			http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/public/**")
				.permitAll()
				.anyRequest()
				.authenticated())
				.formLogin(Customizer.withDefaults())
				.logout((logout) -> logout.logoutSuccessHandler((request, response, authentication) -> {
					seeStackClient.captureError(new IllegalStateException("after logout"));
					response.setStatus(204);
				}))
				.csrf((csrf) -> csrf.disable());
			return http.build();
		}

		@Bean
		PlainPasswords passwordEncoder() {
			return new PlainPasswords();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("alice").password(TestHttp.PASSWORD).roles("USER").build(),
					User.withUsername("bob").password(TestHttp.PASSWORD).roles("USER").build());
		}

	}

}
