package io.seestack.spring.autoconfigure.security;

import java.net.http.HttpResponse;
import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.StatelessBasicSecurity;
import io.seestack.spring.autoconfigure.web.testapp.TestAdvice;
import io.seestack.spring.autoconfigure.web.testapp.TestEndpoints;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
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
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.awaitHttpItems;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.errors;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.httpItem;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.httpItems;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static io.seestack.spring.autoconfigure.web.testapp.TestHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stateless HTTP Basic application with real Tomcat and Spring Security, reporting to a loopback ingest server:
 * who the user of every event is, which exceptions are captured, and what the HTTP request items say.
 */
@SpringBootTest(classes = HttpBasicIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "seestack.api-key=" + IngestServer.API_KEY,
				"seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e", "seestack.flush-interval=100ms",
				"seestack.send-default-pii=true", "seestack.http.exclude-paths=/actuator/**,/items/**",
				"seestack.exceptions.ignored=io.seestack.spring.autoconfigure.web.testapp.TestEndpoints$IgnoredException" })
class HttpBasicIntegrationTests {

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
	void attributesTheHttpRequestItemToTheAuthenticatedUser() {
		HttpResponse<byte[]> response = this.http.get("/hello?token=secret", "Authorization", basic("alice"));
		assertThat(response.statusCode()).isEqualTo(200);
		awaitHttpItems(this.client, ingest, 1);
		JsonNode item = httpItem(ingest, "/hello");
		assertThat(text(item, "userId")).isEqualTo("alice");
		assertThat(text(item, "direction")).isEqualTo("inbound");
		assertThat(text(item, "method")).isEqualTo("GET");
		assertThat(text(item, "host")).isEqualTo("127.0.0.1");
		assertThat(item.get("statusCode").asInt()).isEqualTo(200);
		assertThat(item.get("responseSize").asLong()).isEqualTo(response.body().length);
		assertThat(item.get("requestSize").asLong()).isZero();
		assertThat(text(item, "traceId")).matches("[0-9a-f]{32}");
	}

	@Test
	void sendsNoUserForAnAnonymousRequest() {
		assertThat(this.http.get("/public/hello").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/hello").statusCode()).isEqualTo(401);
		assertThat(this.http.get("/hello", "Authorization", "Basic " + "YWxpY2U6d3Jvbmc=").statusCode())
			.as("wrong password").isEqualTo(401);
		awaitHttpItems(this.client, ingest, 3);
		assertThat(httpItem(ingest, "/public/hello").has("userId")).isFalse();
		assertThat(httpItems(ingest, "/hello")).hasSize(2)
			.allSatisfy((item) -> assertThat(item.has("userId")).isFalse())
			.allSatisfy((item) -> assertThat(item.get("statusCode").asInt()).isEqualTo(401));
		assertThat(errors(ingest)).isEmpty();
	}

	@Test
	void takesTheTraceIdOfATraceparentHeader() {
		this.http.get("/hello", "Authorization", basic("bob"), "traceparent",
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		awaitHttpItems(this.client, ingest, 1);
		assertThat(text(httpItem(ingest, "/hello"), "traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void capturesAnUnhandledExceptionOnceWithTheUserAndTheRequest() {
		assertThat(this.http.get("/boom", "Authorization", basic("alice")).statusCode()).isEqualTo(500);
		awaitHttpItems(this.client, ingest, 1);
		List<JsonNode> errors = errors(ingest);
		assertThat(errors).hasSize(1);
		JsonNode error = errors.get(0);
		assertThat(text(error, "exceptionClass")).isEqualTo(IllegalStateException.class.getName());
		assertThat(text(error, "user", "id")).isEqualTo("alice");
		assertThat(text(error, "user", "ip")).isEqualTo("127.0.0.1");
		assertThat(text(error, "metadata", "http.method")).isEqualTo("GET");
		assertThat(text(error, "metadata", "http.route")).isEqualTo("/boom");
		assertThat(text(error, "metadata", "http.path")).isEqualTo("/boom");
		assertThat(text(error, "metadata", "http.status")).isEqualTo("500");
		assertThat(text(error, "metadata", "handled")).isEqualTo("false");
		JsonNode item = httpItem(ingest, "/boom");
		assertThat(item.get("statusCode").asInt()).isEqualTo(500);
		assertThat(text(item, "userId")).isEqualTo("alice");
		assertThat(text(error, "metadata", "traceId")).isEqualTo(text(item, "traceId"));
	}

	@Test
	void capturesAnExceptionThatTheApplicationsAdviceTurnsIntoA5xx() {
		assertThat(this.http.get("/orders/17", "Authorization", basic("bob")).statusCode()).isEqualTo(503);
		awaitHttpItems(this.client, ingest, 1);
		List<JsonNode> errors = errors(ingest);
		assertThat(errors).hasSize(1);
		JsonNode error = errors.get(0);
		assertThat(text(error, "exceptionClass")).endsWith("OrderFailedException");
		assertThat(text(error, "message")).isEqualTo("order 17 failed");
		assertThat(text(error, "user", "id")).isEqualTo("bob");
		assertThat(text(error, "metadata", "http.route")).isEqualTo("/orders/{id}");
		assertThat(text(error, "metadata", "http.status")).isEqualTo("503");
		assertThat(text(error, "metadata", "handled")).isEqualTo("true");
	}

	@Test
	void capturesAnExceptionOnceThoughTheApplicationCapturedItToo() {
		assertThat(this.http.get("/reported", "Authorization", basic("alice")).statusCode()).isEqualTo(502);
		awaitHttpItems(this.client, ingest, 1);
		assertThat(errors(ingest)).singleElement().satisfies((error) -> {
			assertThat(text(error, "message")).isEqualTo("reported by the application");
			assertThat(text(error, "user", "id")).isEqualTo("alice");
		});
	}

	@Test
	void capturesNo4xxOutcome() {
		String alice = basic("alice");
		assertThat(this.http.get("/invalid", "Authorization", alice).statusCode()).as("advice").isEqualTo(400);
		assertThat(this.http.get("/gone", "Authorization", alice).statusCode()).as("404 RSE").isEqualTo(404);
		assertThat(this.http.get("/conflict", "Authorization", alice).statusCode()).as("409 RSE").isEqualTo(409);
		assertThat(this.http.get("/items/abc", "Authorization", alice).statusCode()).as("type mismatch")
			.isEqualTo(400);
		assertThat(this.http.get("/forbidden", "Authorization", alice).statusCode()).as("access denied")
			.isEqualTo(403);
		assertThat(this.http.get("/nowhere", "Authorization", alice).statusCode()).as("no handler").isEqualTo(404);
		assertThat(this.http.method("DELETE", "/hello", "Authorization", alice).statusCode()).as("method")
			.isEqualTo(405);
		awaitHttpItems(this.client, ingest, 6);
		assertThat(errors(ingest)).isEmpty();
		assertThat(httpItems(ingest)).extracting((item) -> text(item, "path") + " " + item.get("statusCode").asInt())
			.containsExactlyInAnyOrder("/invalid 400", "/gone 404", "/conflict 409", "/forbidden 403", "/nowhere 404",
					"/hello 405");
		assertThat(httpItems(ingest)).allSatisfy((item) -> assertThat(text(item, "userId")).isEqualTo("alice"));
	}

	@Test
	void neverCapturesAnIgnoredException() {
		assertThat(this.http.get("/ignored", "Authorization", basic("alice")).statusCode()).isEqualTo(500);
		awaitHttpItems(this.client, ingest, 1);
		assertThat(errors(ingest)).isEmpty();
		assertThat(httpItem(ingest, "/ignored").get("statusCode").asInt()).isEqualTo(500);
	}

	@Test
	void followsTheUserThroughAsyncDispatches() {
		HttpResponse<byte[]> hello = this.http.get("/async/hello", "Authorization", basic("bob"));
		assertThat(hello.statusCode()).isEqualTo(200);
		assertThat(this.http.get("/async/boom", "Authorization", basic("bob")).statusCode()).isEqualTo(500);
		awaitHttpItems(this.client, ingest, 2);
		JsonNode item = httpItem(ingest, "/async/hello");
		assertThat(text(item, "userId")).isEqualTo("bob");
		assertThat(item.get("responseSize").asLong()).isEqualTo(hello.body().length);
		assertThat(httpItem(ingest, "/async/boom").get("statusCode").asInt()).isEqualTo(500);
		List<JsonNode> errors = errors(ingest);
		assertThat(errors).hasSize(1);
		assertThat(text(errors.get(0), "message")).isEqualTo("async boom");
		assertThat(text(errors.get(0), "user", "id")).isEqualTo("bob");
		assertThat(text(errors.get(0), "metadata", "http.route")).isEqualTo("/async/boom");
	}

	@Test
	void givesAnAsyncCallableTheScopeOfItsRequest() {
		assertThat(this.http.get("/async/capture", "Authorization", basic("bob"), "traceparent",
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").statusCode()).isEqualTo(200);
		awaitHttpItems(this.client, ingest, 1);
		assertThat(errors(ingest)).singleElement().satisfies((error) -> {
			assertThat(text(error, "message")).isEqualTo("captured in a callable");
			assertThat(text(error, "user", "id")).isEqualTo("bob");
			assertThat(text(error, "user", "ip")).isEqualTo("127.0.0.1");
		});
	}

	@Test
	void ignoresAnXForwardedForHeaderThatTheClientSentItself() {
		this.http.get("/public/boom", "X-Forwarded-For", "6.6.6.6");
		this.http.get("/boom", "Authorization", basic("alice"), "X-Forwarded-For", "6.6.6.6");
		awaitHttpItems(this.client, ingest, 2);
		assertThat(errors(ingest)).hasSize(2)
			.allSatisfy((error) -> assertThat(text(error, "user", "ip")).isEqualTo("127.0.0.1"));
		assertThat(errors(ingest, "/public/boom").get(0).get("user").has("id")).isFalse();
	}

	@Test
	void sendsNoItemForAnExcludedPath() {
		assertThat(this.http.get("/items/7", "Authorization", basic("alice")).statusCode()).isEqualTo(200);
		this.http.get("/hello", "Authorization", basic("alice"));
		awaitHttpItems(this.client, ingest, 1);
		assertThat(httpItems(ingest)).extracting((item) -> text(item, "path")).containsExactlyInAnyOrder("/hello");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ TestEndpoints.class, TestAdvice.class, StatelessBasicSecurity.class })
	static class App {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(user("alice"), user("bob"));
		}

		private static org.springframework.security.core.userdetails.UserDetails user(String name) {
			return User.withUsername(name).password(TestHttp.PASSWORD).roles("USER").build();
		}

	}

}
