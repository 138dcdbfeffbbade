package io.seestack.spring.autoconfigure.web.reactive;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.netty.util.concurrent.EventExecutor;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpResources;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.awaitHttpItems;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.errors;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static io.seestack.spring.autoconfigure.web.testapp.TestHttp.basic;
import static io.seestack.spring.autoconfigure.web.testapp.TestHttp.traceId;
import static io.seestack.spring.autoconfigure.web.testapp.TestHttp.traceparent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebFlux application on Reactor Netty behind reactive Spring Security (form login, HTTP Basic, a JWT resource
 * server), delivering to a loopback ingest server: every error, HTTP item and outbound item carries the user of its
 * own exchange, also when the application's code runs after thread hops; an exception that the application's
 * {@code @ExceptionHandler} answers is captured by the status it answers; and no SeeStack scope is left on a Netty
 * thread. Its context is closed after it, so that it gives the static facade back and stops its server.
 */
@SpringBootTest(classes = ReactiveTestApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "seestack.api-key=" + IngestServer.API_KEY,
				"seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e", "seestack.flush-interval=100ms",
				"seestack.buffer-size=20000", "seestack.identical-errors-per-second=0", "seestack.logs.enabled=false",
				"seestack.send-default-pii=true", "seestack.user.id-claim=uid", "logging.level.io.seestack=warn",
				"seestack.exceptions.ignored=" + ReactiveIntegrationTests.IGNORED })
@DirtiesContext
class ReactiveIntegrationTests {

	static final String IGNORED = "io.seestack.spring.autoconfigure.web.reactive.ReactiveTestApp$IgnoredException";

	private static final int REQUESTS = Integer.getInteger("seestack.test.requests", 5_000);

	private static final int CLIENT_THREADS = 32;

	private static final IngestServer ingest = IngestServer.start();

	@LocalServerPort
	private int port;

	@Autowired
	private SeeStackClient client;

	@Autowired
	private ApplicationContext context;

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
		ReactiveTestApp.leaks.clear();
	}

	@Test
	void httpBasicUserIsOnTheHandlersThreadOnItsErrorsAndItsItems() throws Exception {
		assertThat(((WebServerApplicationContext) this.context).getWebServer().getClass().getSimpleName())
			.isEqualTo("NettyWebServer");
		this.http.get("/public/hello");
		assertThat(body(this.http.get("/hello", "Authorization", basic("user07")))).endsWith(" user07");
		assertThat(this.http.get("/boom", "Authorization", basic("user07")).statusCode()).isEqualTo(500);
		HttpResponse<byte[]> hop = this.http.get("/hop", "Authorization", basic("user07"));
		assertThat(body(hop)).startsWith("boundedElastic-").endsWith(" user07");
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 4);
		assertThat(items).extracting((item) -> text(item, "path") + " " + text(item, "userId"))
			.containsExactlyInAnyOrder("/public/hello null", "/hello user07", "/boom user07", "/hop user07");
		List<JsonNode> errors = errors(ingest);
		assertThat(errors).extracting((error) -> text(error, "message"))
			.containsExactlyInAnyOrder("boom for user07", "hop for user07");
		assertThat(errors).allSatisfy((error) -> {
			assertThat(text(error, "user", "id")).isEqualTo("user07");
			assertThat(text(error, "user", "ip")).isEqualTo("127.0.0.1");
		});
		JsonNode boom = Payloads.errors(ingest, "/boom").get(0);
		assertThat(text(boom, "metadata", "http.route")).isEqualTo("/boom");
		assertThat(text(boom, "metadata", "http.status")).isEqualTo("500");
		assertThat(text(boom, "metadata", "handled")).isEqualTo("false");
		assertThat(ReactiveTestApp.leaks).isEmpty();
		assertThat(scopesOnServerThreads()).isEmpty();
	}

	@Test
	void jwtUserComesFromTheTokensClaims() {
		String token = ReactiveTestApp.token(ReactiveTestApp.KEYS, "auth0|5f7c", "u-1001", "jane");
		assertThat(body(this.http.get("/hello", "Authorization", "Bearer " + token))).endsWith(" u-1001");
		assertThat(this.http.get("/boom", "Authorization", "Bearer " + token).statusCode()).isEqualTo(500);
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 2);
		assertThat(items).allSatisfy((item) -> assertThat(text(item, "userId")).isEqualTo("u-1001"));
		JsonNode error = errors(ingest).get(0);
		assertThat(text(error, "user", "id")).isEqualTo("u-1001");
		assertThat(text(error, "metadata", "seestack.user", "username")).isEqualTo("jane");
	}

	@Test
	void rejectedCredentialsAreAnonymous() {
		String forged = ReactiveTestApp.token(ReactiveTestApp.rsaKeys(), "s-1", "u-1", "jane");
		assertThat(this.http.get("/boom", "Authorization", "Bearer " + forged).statusCode()).isEqualTo(401);
		assertThat(this.http.get("/boom", "Authorization", "Basic dXNlcjAxOndyb25n").statusCode()).isEqualTo(401);
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 2);
		assertThat(items).allSatisfy((item) -> assertThat(item.has("userId")).isFalse());
		assertThat(errors(ingest)).isEmpty();
	}

	@Test
	void formLoginAttributesTheLoginItselfAndLogoutEndsTheUser() {
		assertThat(this.http.postForm("/login", "username=user03&password=" + TestHttp.PASSWORD).statusCode())
			.isEqualTo(302);
		assertThat(body(this.http.get("/hello"))).endsWith(" user03");
		assertThat(this.http.get("/boom").statusCode()).isEqualTo(500);
		assertThat(this.http.postForm("/logout", "").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/public/hello").statusCode()).isEqualTo(200);
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 5);
		assertThat(items).extracting((item) -> item.get("method").asString() + " " + text(item, "path") + " "
				+ item.get("statusCode").asInt() + " " + text(item, "userId"))
			.containsExactlyInAnyOrder("POST /login 302 user03", "GET /hello 200 user03", "GET /boom 500 user03",
					"POST /logout 200 null", "GET /public/hello 200 null");
		assertThat(errors(ingest)).extracting((error) -> text(error, "user", "id")).containsExactly("user03");
	}

	@Test
	void failedFormLoginIsAnonymous() {
		this.http.postForm("/login", "username=user03&password=wrong");
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 1);
		assertThat(items.get(0).has("userId")).isFalse();
	}

	@Test
	void exceptionsAreCapturedByTheStatusThatTheirAnswerHas() {
		assertThat(this.http.get("/not-found", "Authorization", basic("user01")).statusCode()).isEqualTo(404);
		assertThat(this.http.get("/advised", "Authorization", basic("user01")).statusCode()).isEqualTo(503);
		assertThat(this.http.get("/advised-hop", "Authorization", basic("user02")).statusCode()).isEqualTo(503);
		assertThat(this.http.get("/invalid", "Authorization", basic("user01")).statusCode()).isEqualTo(400);
		assertThat(this.http.get("/ignored", "Authorization", basic("user01")).statusCode()).isEqualTo(503);
		assertThat(this.http.get("/reported", "Authorization", basic("user03")).statusCode()).isEqualTo(502);
		assertThat(this.http.get("/local", "Authorization", basic("user04")).statusCode()).isEqualTo(500);
		assertThat(this.http.get("/boom", "Authorization", basic("user05")).statusCode()).isEqualTo(500);
		awaitHttpItems(this.client, ingest, 8);
		List<JsonNode> errors = errors(ingest);
		// The reported one once: as the advice's own captureError sent it, without the exchange's metadata.
		assertThat(errors).extracting((error) -> text(error, "message") + " " + text(error, "user", "id") + " "
				+ text(error, "metadata", "http.status") + " " + text(error, "metadata", "handled"))
			.containsExactlyInAnyOrder("advised for user01 user01 503 true", "advised for user02 user02 503 true",
					"reported for user03 user03 null null", "local for user04 user04 500 true",
					"boom for user05 user05 500 false");
		JsonNode advised = Payloads.errors(ingest, "/advised").get(0);
		assertThat(text(advised, "metadata", "http.route")).isEqualTo("/advised");
		assertThat(text(advised, "user", "ip")).isEqualTo("127.0.0.1");
		assertThat(ReactiveTestApp.leaks).isEmpty();
	}

	@Test
	void anExchangeTheClientAbandonsIsRecordedAsClosedByTheClientNotAsAnswered() throws Exception {
		int before = ReactiveTestApp.slowCalls.get();
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write(("GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic("user06") + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			await().atMost(Duration.ofSeconds(10)).until(() -> ReactiveTestApp.slowCalls.get() > before);
		}
		JsonNode item = awaitHttpItems(this.client, ingest, 1).get(0);
		assertThat(text(item, "path")).isEqualTo("/slow");
		assertThat(item.get("statusCode").asInt()).isEqualTo(499);
		assertThat(text(item, "userId")).isEqualTo("user06");
		assertThat(errors(ingest)).isEmpty();
	}

	@Test
	void aDownloadTheClientAbandonsIsNotAnError() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write(("GET /download HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic("user08") + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			socket.getInputStream().readNBytes(64 * 1024);
			// A reset, not a polite close: the server's next write fails at once.
			socket.setSoLinger(true, 0);
		}
		JsonNode item = awaitHttpItems(this.client, ingest, 1).get(0);
		assertThat(text(item, "path")).isEqualTo("/download");
		assertThat(item.get("statusCode").asInt()).as("committed before the client left").isEqualTo(200);
		assertThat(text(item, "userId")).isEqualTo("user08");
		assertThat(errors(ingest)).isEmpty();
	}

	@Test
	void spoofedForwardedForFromAnUntrustedPeerIsIgnored() {
		this.http.get("/boom", "Authorization", basic("user02"), "X-Forwarded-For", "203.0.113.9");
		awaitHttpItems(this.client, ingest, 1);
		assertThat(text(errors(ingest).get(0), "user", "ip")).isEqualTo("127.0.0.1");
	}

	@Test
	void webClientCallsCarryTheExchangesUser() {
		HttpResponse<byte[]> response = this.http.get("/outbound/" + this.port, "Authorization", basic("user09"));
		assertThat(response.statusCode()).isEqualTo(200);
		List<JsonNode> items = awaitHttpItems(this.client, ingest, 3);
		JsonNode outbound = items.stream()
			.filter((item) -> "outbound".equals(text(item, "direction")))
			.findFirst()
			.orElseThrow();
		assertThat(text(outbound, "path")).isEqualTo("/public/hello");
		assertThat(text(outbound, "userId")).isEqualTo("user09");
	}

	@Test
	void attributesEveryEventOfManyConcurrentUsersToItsOwnExchange() throws Exception {
		Map<String, Expected> expected = new HashMap<>();
		for (int i = 0; i < REQUESTS; i++) {
			expected.put(traceId(i), Expected.of(i));
		}
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
								? http.get(request.path, "Authorization", basic(request.user), "traceparent",
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
				assertThat(result.get(180, TimeUnit.SECONDS)).isEmpty();
			}
		}
		finally {
			clients.shutdownNow();
		}
		long errorCount = expected.values().stream().filter((request) -> request.error).count();
		List<JsonNode> items = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			this.client.flush(Duration.ofSeconds(5));
			return Payloads.httpItems(ingest);
		}, (received) -> received.size() >= REQUESTS);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.client.flush(Duration.ofSeconds(5)) && ingest.count(Payloads.ERRORS) >= errorCount);

		assertThat(items).hasSize(REQUESTS);
		for (JsonNode item : items) {
			Expected request = expected.get(text(item, "traceId"));
			assertThat(request).as("item %s", item).isNotNull();
			assertThat(text(item, "userId")).as("user of %s", item).isEqualTo(request.user);
			assertThat(text(item, "path")).isEqualTo(request.path);
		}
		assertThat(items.stream().map((item) -> text(item, "traceId")).distinct()).hasSize(REQUESTS);
		List<JsonNode> errors = errors(ingest);
		assertThat(errors).hasSize((int) errorCount);
		for (JsonNode error : errors) {
			Expected request = expected.get(text(error, "metadata", "traceId"));
			assertThat(request).as("error %s", error).isNotNull();
			assertThat(text(error, "user", "id")).as("user of %s", error).isEqualTo(request.user);
			assertThat(text(error, "message")).endsWith(" for " + request.user);
		}
		assertThat(ReactiveTestApp.leaks).as("scopes left on Netty threads").isEmpty();
		assertThat(scopesOnServerThreads()).as("scopes on the idle Netty threads").isEmpty();
	}

	/**
	 * The scope (and exchange state) current on each of the server's event loop threads, asked by a task of its own,
	 * outside any exchange and outside Reactor (whose own subscriptions hide the thread's context while they run).
	 */
	private List<String> scopesOnServerThreads() throws Exception {
		List<String> scopes = new ArrayList<>();
		int threads = 0;
		for (EventExecutor loop : HttpResources.get().onServer(true)) {
			String seen = loop.submit(() -> Thread.currentThread().getName() + " "
					+ ((ExchangeState.CURRENT.get() != null) ? "an exchange's state " : "")
					+ this.client.currentScope().map(String::valueOf).orElse("none")).get(10, TimeUnit.SECONDS);
			assertThat(seen).startsWith("reactor-http-");
			threads++;
			if (!seen.endsWith(" none")) {
				scopes.add(seen);
			}
		}
		assertThat(threads).isPositive();
		return scopes;
	}

	private static String body(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	/** Request {@code i}: who sends it, where, the status it gets, and whether it captures an error. */
	private record Expected(String user, String path, int status, boolean error) {

		static Expected of(int i) {
			String user = "user%02d".formatted(i % ReactiveTestApp.USERS);
			return switch (i % 5) {
				case 0 -> new Expected(user, "/users/" + user + "/boom", 500, true);
				case 1 -> new Expected(null, "/public/hello", 200, false);
				case 2 -> new Expected(user, "/users/" + user + "/hop", 200, true);
				case 3 -> new Expected(user, "/users/" + user + "/advised-hop", 503, true);
				default -> new Expected(user, "/users/" + user + "/hello", 200, false);
			};
		}

	}

}
