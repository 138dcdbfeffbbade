package io.seestack.spring.autoconfigure.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.User;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.testsupport.IngestServer;
import io.seestack.testsupport.ReceivedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Calls through the clients of Spring Boot's builders to a real service on loopback, with a real ingest server: each
 * call is one outbound item with the calling scope's user and trace id, and nothing of the URL's credentials or
 * query reaches SeeStack.
 */
class OutboundHttpIntegrationTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BODY = "{\"id\":42,\"name\":\"Ada Lovelace\"}";

	private static IngestServer ingest;

	private static HttpServer service;

	private static final List<Call> calls = new CopyOnWriteArrayList<>();

	@TempDir
	Path temp;

	/** Set before each test: it needs the ingest server's URL. */
	private ApplicationContextRunner contextRunner = new ApplicationContextRunner();

	/** A call the service received. */
	record Call(String method, String uri, @Nullable String traceparent) {

	}

	@BeforeAll
	static void start() throws IOException {
		ingest = IngestServer.start();
		service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		service.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders().getFirst("traceparent")));
			boolean missing = exchange.getRequestURI().getPath().startsWith("/missing");
			byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(missing ? 404 : 200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		service.start();
	}

	@AfterAll
	static void stop() {
		service.stop(0);
		ingest.close();
	}

	@BeforeEach
	void reset() {
		ingest.reset();
		calls.clear();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class,
					RestClientAutoConfiguration.class, RestTemplateAutoConfiguration.class,
					WebClientAutoConfiguration.class, SeeStackRestClientAutoConfiguration.class,
					SeeStackRestTemplateAutoConfiguration.class, SeeStackWebClientAutoConfiguration.class))
			.withPropertyValues("seestack.api-key=" + IngestServer.API_KEY, "seestack.host=" + ingest.url(),
					SeeStackRestClientAutoConfigurationTests.PROJECT_ID, "seestack.flush-interval=100ms");
	}

	@Test
	void aRestClientCallInAScopeIsOneOutboundItemWithItsUserAndTraceIdAndNoCredentialsOrQuery() {
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			inScopeOfAda(context, () -> assertThat(restClient.get()
				.uri(url("/users/42?token=abc"))
				.retrieve()
				.body(String.class)).isEqualTo(BODY));
			assertThat(calls).singleElement().satisfies((call) -> assertThat(call.uri()).isEqualTo("/users/42?token=abc"));
			assertTheOneItemOfAdaAt(context, "GET", "/users/42", 200);
		});
	}

	@Test
	void aRestTemplateCallInAScopeIsOneOutboundItemWithItsUserAndTraceIdAndNoCredentialsOrQuery() {
		this.contextRunner.run((context) -> {
			var restTemplate = context.getBean(RestTemplateBuilder.class).build();
			inScopeOfAda(context, () -> assertThat(restTemplate.getForObject(url("/users/42?token=abc"), String.class))
				.isEqualTo(BODY));
			assertThat(calls).singleElement().satisfies((call) -> assertThat(call.uri()).isEqualTo("/users/42?token=abc"));
			assertTheOneItemOfAdaAt(context, "GET", "/users/42", 200);
		});
	}

	@Test
	void aWebClientExchangeInAScopeIsOneOutboundItemWithItsUserAndTraceIdAndNoCredentialsOrQuery() {
		this.contextRunner.run((context) -> {
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			// The response arrives on a thread of the HTTP client, outside the scope: the item has the caller's.
			inScopeOfAda(context, () -> assertThat(webClient.get()
				.uri(url("/users/42?token=abc"))
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(10))).isEqualTo(BODY));
			assertThat(calls).singleElement().satisfies((call) -> assertThat(call.uri()).isEqualTo("/users/42?token=abc"));
			assertTheOneItemOfAdaAt(context, "GET", "/users/42", 200);
		});
	}

	@Test
	void aRestClientItemHasTheUriTemplateAfterWhatTheBaseUrlAdded() {
		this.contextRunner.run((context) -> {
			RestClient.Builder builder = context.getBean(RestClient.Builder.class);
			RestClient restClient = builder.build();
			RestClient withBaseUrl = builder.clone().baseUrl(url("/api")).build();
			inScopeOfAda(context, () -> {
				restClient.get().uri(url("/users/{id}?token={token}"), 42, "abc").retrieve().toBodilessEntity();
				withBaseUrl.get().uri("/orders/{id}", 7).retrieve().toBodilessEntity();
			});
			assertThat(calls).extracting(Call::uri).containsExactly("/users/42?token=abc", "/api/orders/7");
			assertThat(items(context)).extracting((item) -> text(item, "path"))
				.containsExactly("/users/{id}", "/api/orders/{id}");
		});
	}

	@Test
	void aWebClientItemHasTheUriTemplate() {
		this.contextRunner.run((context) -> {
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			inScopeOfAda(context, () -> webClient.get()
				.uri(url("/users/{id}?token={token}"), 42, "abc")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10)));
			assertThat(items(context)).singleElement()
				.satisfies((item) -> assertThat(text(item, "path")).isEqualTo("/users/{id}"));
		});
	}

	@Test
	void aRestTemplateItemHasTheRequestsPathSinceRestTemplateShowsInterceptorsNoTemplate() {
		this.contextRunner.run((context) -> {
			var restTemplate = context.getBean(RestTemplateBuilder.class).build();
			inScopeOfAda(context, () -> restTemplate.getForObject(url("/users/{id}"), String.class, 42));
			assertThat(items(context)).singleElement()
				.satisfies((item) -> assertThat(text(item, "path")).isEqualTo("/users/42"));
		});
	}

	@Test
	void anErrorStatusIsTheItemsStatusAndNoErrorIsCaptured() {
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			inScopeOfAda(context, () -> assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
				.isThrownBy(() -> restClient.get().uri(url("/missing/1")).retrieve().body(String.class)));
			assertThat(items(context)).singleElement()
				.satisfies((item) -> assertThat(item.get("statusCode").asInt()).isEqualTo(404));
			assertThat(Payloads.errors(ingest)).isEmpty();
		});
	}

	@Test
	void aCallThatGetsNoResponseIsAnItemWithStatusZeroAndItsExceptionIsTheApplicationsAlone() throws IOException {
		String closed = "http://127.0.0.1:" + closedPort() + "/users/42?token=abc";
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			inScopeOfAda(context, () -> {
				assertThatExceptionOfType(ResourceAccessException.class)
					.isThrownBy(() -> restClient.get().uri(closed).retrieve().body(String.class));
				assertThatExceptionOfType(WebClientRequestException.class).isThrownBy(() -> webClient.get()
					.uri(closed)
					.retrieve()
					.bodyToMono(String.class)
					.block(Duration.ofSeconds(10)));
			});
			assertThat(items(context)).hasSize(2).allSatisfy((item) -> {
				assertThat(item.get("statusCode").asInt()).isZero();
				assertThat(text(item, "userId")).isEqualTo("ada");
				assertThat(text(item, "path")).isEqualTo("/users/42");
				assertThat(item.get("responseSize").asLong()).isZero();
			});
			assertThat(Payloads.errors(ingest)).isEmpty();
		});
	}

	@Test
	void aRestClientItemHasTheSizeOfTheBodySentAndTheResponsesContentLength() {
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			inScopeOfAda(context,
					() -> restClient.post().uri(url("/users")).body("hello, service").retrieve().toBodilessEntity());
			assertThat(items(context)).singleElement().satisfies((item) -> {
				assertThat(text(item, "method")).isEqualTo("POST");
				assertThat(item.get("requestSize").asLong()).isEqualTo("hello, service".length());
				assertThat(item.get("responseSize").asLong()).isEqualTo(BODY.length());
			});
		});
	}

	@Test
	void aCallOutsideEveryScopeIsAnItemWithoutAUserAndWithATraceIdOfItsOwn() {
		this.contextRunner.run((context) -> {
			context.getBean(RestClient.Builder.class).build().get().uri(url("/users/42")).retrieve().toBodilessEntity();
			assertThat(items(context)).singleElement().satisfies((item) -> {
				assertThat(item.has("userId")).isFalse();
				assertThat(text(item, "traceId")).isNotBlank().isNotEqualTo(TRACE_ID);
			});
		});
	}

	@Test
	void sendsNoTraceparentByDefault() {
		this.contextRunner.run((context) -> {
			inScopeOfAda(context, () -> callWithEveryClient(context));
			assertThat(calls).hasSize(3).allSatisfy((call) -> assertThat(call.traceparent()).isNull());
		});
	}

	@Test
	void propagatesTheScopesTraceIdInATraceparentWhenAskedTo() {
		this.contextRunner.withPropertyValues("seestack.http.outbound.propagate-trace=true").run((context) -> {
			inScopeOfAda(context, () -> callWithEveryClient(context));
			assertThat(calls).hasSize(3)
				.allSatisfy((call) -> assertThat(call.traceparent()).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01"));
			assertThat(items(context)).hasSize(3)
				.allSatisfy((item) -> assertThat(text(item, "traceId")).isEqualTo(TRACE_ID));
		});
	}

	@Test
	void propagatesNoTraceparentOutsideEveryScope() {
		this.contextRunner.withPropertyValues("seestack.http.outbound.propagate-trace=true").run((context) -> {
			callWithEveryClient(context);
			assertThat(calls).hasSize(3).allSatisfy((call) -> assertThat(call.traceparent()).isNull());
		});
	}

	@Test
	void callsToTheSeeStackHostAreNotItems() {
		String serviceUrl = "http://127.0.0.1:" + service.getAddress().getPort();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class, RestClientAutoConfiguration.class,
					SeeStackRestClientAutoConfiguration.class))
			.withPropertyValues("seestack.host=" + serviceUrl, SeeStackRestClientAutoConfigurationTests.PROJECT_ID,
					"seestack.local.outbox=" + this.temp.resolve("outbox.jsonl"))
			.run((context) -> {
				SeeStackClient client = context.getBean(SeeStackClient.class);
				RestClient restClient = context.getBean(RestClient.Builder.class).build();
				restClient.get().uri(serviceUrl + "/ingest/v1/logs").retrieve().toBodilessEntity();
				client.flush(Duration.ofSeconds(10));
				assertThat(client.status().recentPayloads()).isEmpty();
				restClient.get()
					.uri("http://localhost:" + service.getAddress().getPort() + "/users/42")
					.retrieve()
					.toBodilessEntity();
				client.flush(Duration.ofSeconds(10));
				assertThat(client.status().recentPayloads()).singleElement()
					.satisfies((payload) -> assertThat(text(JSON.readTree(payload.body()).get("requests").get(0), "host"))
					.isEqualTo("localhost"));
			});
	}

	private void callWithEveryClient(AssertableApplicationContext context) {
		context.getBean(RestClient.Builder.class).build().get().uri(url("/users/1")).retrieve().toBodilessEntity();
		context.getBean(RestTemplateBuilder.class).build().getForObject(url("/users/2"), String.class);
		context.getBean(WebClient.Builder.class)
			.build()
			.get()
			.uri(url("/users/3"))
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(10));
	}

	/** Runs the action in a scope of the user {@code ada}, with a trace id, as a request's scope would be. */
	private static void inScopeOfAda(AssertableApplicationContext context, Runnable action) {
		try (Scope scope = context.getBean(SeeStackClient.class).openScope()) {
			scope.setUser(User.builder().id("ada").build());
			scope.setTraceId(TRACE_ID);
			action.run();
		}
	}

	private static void assertTheOneItemOfAdaAt(AssertableApplicationContext context, String method, String path,
			int status) {
		assertThat(items(context)).singleElement().satisfies((item) -> {
			assertThat(text(item, "direction")).isEqualTo("outbound");
			assertThat(text(item, "method")).isEqualTo(method);
			assertThat(text(item, "host")).isEqualTo("127.0.0.1");
			assertThat(text(item, "path")).isEqualTo(path);
			assertThat(item.get("statusCode").asInt()).isEqualTo(status);
			assertThat(text(item, "userId")).isEqualTo("ada");
			assertThat(text(item, "traceId")).isEqualTo(TRACE_ID);
			assertThat(item.get("durationMs").asLong()).isNotNegative();
			assertThat(item.get("requestSize").asLong()).isZero();
			assertThat(item.get("responseSize").asLong()).isEqualTo(BODY.length());
		});
		assertThat(ingest.received(Payloads.HTTP_REQUESTS)).extracting(ReceivedRequest::body)
			.allSatisfy((body) -> assertThat(body).doesNotContain("secret", "user:", "token", "?", "@"));
	}

	/** The HTTP items sent once everything captured was delivered. */
	private static List<JsonNode> items(AssertableApplicationContext context) {
		Payloads.flush(context.getBean(SeeStackClient.class));
		return Payloads.httpItems(ingest);
	}

	private static String url(String pathAndQuery) {
		return "http://user:secret@127.0.0.1:" + service.getAddress().getPort() + pathAndQuery;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
