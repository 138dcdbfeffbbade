package io.seestack;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.seestack.testsupport.IngestServer;
import io.seestack.testsupport.ReceivedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What arrives at a real HTTP server on loopback, byte for byte where it matters: endpoints, headers, bodies (each
 * checked against the project's JSON Schemas by {@link IngestServer}).
 */
class IngestContractTests {

	static final String PROJECT_ID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";

	private IngestServer server;

	private SeeStackClient client;

	@BeforeEach
	void start() {
		this.server = IngestServer.start();
		this.client = SeeStackClient.create(SeeStackOptions.builder().apiKey(IngestServer.API_KEY)
			.host(this.server.url()).projectId(PROJECT_ID).environment("staging").release("v1.4.2")
			.serviceName("checkout").flushInterval(Duration.ofHours(1)).build());
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.close();
	}

	@Test
	void errorCarriesClassMessageStackLevelEnvironmentReleaseUserAndMetadata() {
		User user = User.builder().id("usr_1234").email("ada@example.com").ip("203.0.113.7").username("ada")
			.token("tok_very_secret").data("plan", "pro").build();
		IllegalStateException error = new IllegalStateException("payment failed",
				new java.io.IOException("connection reset"));

		this.client.captureError(error, ErrorContext.builder().level(Level.FATAL).user(user)
			.metadata("orderId", "ORD-5512").metadata("apiKey", "sk_live_123").sessionId("sess_8f3a").build());

		assertThat(this.client.flush(Duration.ofSeconds(5))).isTrue();
		ReceivedRequest request = single("/ingest/v1/errors");
		assertThat(request.header("X-SeeStack-Key")).isEqualTo(IngestServer.API_KEY);
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		JsonNode body = request.json();
		assertThat(body.get("exceptionClass").asString()).isEqualTo("java.lang.IllegalStateException");
		assertThat(body.get("message").asString()).isEqualTo("payment failed");
		assertThat(body.get("level").asString()).isEqualTo("fatal");
		assertThat(body.get("environment").asString()).isEqualTo("staging");
		assertThat(body.get("release").asString()).isEqualTo("v1.4.2");
		assertThat(body.get("user").toString())
			.isEqualTo("{\"id\":\"usr_1234\",\"email\":\"ada@example.com\",\"ip\":\"203.0.113.7\"}");
		List<String> frames = body.get("stackTrace").valueStream().map(JsonNode::asString).toList();
		assertThat(frames.get(0)).startsWith("at io.seestack.IngestContractTests.");
		assertThat(frames).contains("Caused by: java.io.IOException: connection reset");
		JsonNode metadata = body.get("metadata");
		assertThat(metadata.get("orderId").asString()).isEqualTo("ORD-5512");
		assertThat(metadata.get("apiKey").asString()).isEqualTo("[MASKED]");
		assertThat(metadata.get("sessionId").asString()).isEqualTo("sess_8f3a");
		assertThat(metadata.get("service").asString()).isEqualTo("checkout");
		assertThat(metadata.get("seestack.user").toString()).isEqualTo("{\"username\":\"ada\",\"plan\":\"pro\"}");
		assertThat(request.body()).doesNotContain("tok_very_secret");
	}

	@Test
	void logCarriesLevelMessageServiceAndUserInMetadata() {
		this.client.setUser(User.builder().id("usr_7").email("bo@example.com").token("tok_x").build());
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("orderId", "ORD-1");
		metadata.put("password", "hunter2");

		this.client.captureLog(Level.WARN, "Payment retry attempt 3 of 5", metadata);

		assertThat(this.client.flush(Duration.ofSeconds(5))).isTrue();
		ReceivedRequest request = single("/ingest/v1/logs");
		JsonNode body = request.json();
		assertThat(body.get("level").asString()).isEqualTo("warn");
		assertThat(body.get("message").asString()).isEqualTo("Payment retry attempt 3 of 5");
		assertThat(body.get("service").asString()).isEqualTo("checkout");
		assertThat(body.get("metadata").get("userId").asString()).isEqualTo("usr_7");
		assertThat(body.get("metadata").get("userEmail").asString()).isEqualTo("bo@example.com");
		assertThat(body.get("metadata").get("password").asString()).isEqualTo("[MASKED]");
		assertThat(request.body()).doesNotContain("hunter2").doesNotContain("tok_x");
	}

	@Test
	void httpRequestItemsAreBatchedWithProjectIdAndPathWithoutQuery() {
		this.client.setUser(User.builder().id("usr_99").build());
		Instant at = Instant.parse("2026-03-31T12:00:00.123Z");
		this.client.captureHttpRequest(HttpRequestEvent.builder().direction(HttpRequestEvent.Direction.OUTBOUND)
			.method("post").host("https://payments.example.com/v1").path("/v1/charges?api_key=secret#frag")
			.statusCode(200).duration(Duration.ofMillis(320)).requestSize(256).responseSize(1024)
			.traceId("trace-001").timestamp(at).build());
		this.client.captureHttpRequest(HttpRequestEvent.builder().method("GET").host("api.myapp.com")
			.path("/api/orders").statusCode(401).userId("someone-else").build());

		assertThat(this.client.flush(Duration.ofSeconds(5))).isTrue();
		JsonNode body = single("/ingest/v1/http-requests").json();
		assertThat(body.get("projectId").asString()).isEqualTo(PROJECT_ID);
		JsonNode first = body.get("requests").get(0);
		assertThat(first.toString()).isEqualTo("{\"traceId\":\"trace-001\",\"direction\":\"outbound\","
				+ "\"method\":\"POST\",\"host\":\"payments.example.com\",\"path\":\"/v1/charges\",\"statusCode\":200,"
				+ "\"durationMs\":320,\"requestSize\":256,\"responseSize\":1024,\"userId\":\"usr_99\","
				+ "\"timestamp\":\"2026-03-31T12:00:00.123Z\"}");
		JsonNode second = body.get("requests").get(1);
		assertThat(second.get("userId").asString()).isEqualTo("someone-else");
		assertThat(second.get("traceId").asString()).hasSize(32);
	}

	@Test
	void heartbeatCarriesSlugStatusDurationAndMessage() {
		JobHandle job = this.client.startJob("daily-report-generator");

		this.client.finishJob(job, JobStatus.FAILED, "Database connection refused");

		assertThat(this.client.flush(Duration.ofSeconds(5))).isTrue();
		JsonNode body = single("/ingest/v1/heartbeat").json();
		assertThat(body.get("slug").asString()).isEqualTo("daily-report-generator");
		assertThat(body.get("status").asString()).isEqualTo("failed");
		assertThat(body.get("durationMs").asLong()).isGreaterThanOrEqualTo(0);
		assertThat(body.get("message").asString()).isEqualTo("Database connection refused");
	}

	@Test
	void invalidJobSlugSendsNothing() {
		this.client.finishJob(this.client.startJob("Daily Report"), JobStatus.SUCCESS, null);

		this.client.flush(Duration.ofSeconds(1));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void withoutProjectIdHttpItemsAreNotSent() {
		try (SeeStackClient noProject = SeeStackClient.create(SeeStackOptions.builder().apiKey(IngestServer.API_KEY)
			.host(this.server.url()).build())) {
			noProject.captureHttpRequest(HttpRequestEvent.builder().path("/x").statusCode(200).build());
			noProject.flush(Duration.ofSeconds(1));
		}
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void sameThrowableIsCapturedOncePerUnitOfWork() {
		RuntimeException error = new RuntimeException("once");

		try (Scope scope = this.client.openScope()) {
			this.client.captureError(error);
			try (Scope nested = this.client.openScope()) {
				this.client.captureError(error, ErrorContext.builder().level(Level.WARN).build());
			}
			this.client.captureError(new RuntimeException("once"));
		}
		try (Scope another = this.client.openScope()) {
			this.client.captureError(error);
		}

		assertThat(this.client.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(this.server.received("/ingest/v1/errors")).hasSize(3);
	}

	private ReceivedRequest single(String path) {
		List<ReceivedRequest> received = this.server.received(path);
		assertThat(received).hasSize(1);
		return received.get(0);
	}

}
