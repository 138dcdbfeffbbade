package io.seestack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.seestack.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Whatever the SDK is given and whatever the backend does, the caller gets no exception and no wait. */
class NeverHurtTheHostTests {

	private final RecordingTransport transport = new RecordingTransport();

	@Test
	void nullsAreAcceptedEverywhere() {
		try (SeeStackClient client = recordingClient()) {
			assertThatNoException().isThrownBy(() -> {
				client.setUser(null);
				client.identify(null, true);
				client.captureError(null);
				client.captureError(new RuntimeException(), null);
				client.captureLog(null, null, null);
				client.captureHttpRequest(null);
				client.finishJob(null, null, null);
				client.flush(null);
			});
			client.flush(Duration.ofSeconds(5));
		}
		JsonNode error = this.transport.bodies(Feature.ERRORS).get(0);
		assertThat(error.get("message").asString()).isEqualTo("(no message)");
		JsonNode log = this.transport.bodies(Feature.LOGS).get(0);
		assertThat(log.get("level").asString()).isEqualTo("info");
		assertThat(log.get("message").asString()).isEqualTo("(no message)");
	}

	@Test
	void hostileInputStillProducesValidPayloads() {
		Map<String, Object> cyclic = new HashMap<>();
		cyclic.put("self", cyclic);
		List<Object> cyclicList = new ArrayList<>();
		cyclicList.add(cyclicList);
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("cyclicMap", cyclic);
		metadata.put("cyclicList", cyclicList);
		metadata.put("cyclicBean", new Node());
		metadata.put("throwingGetter", new ThrowingGetter());
		metadata.put("notSerialisable", new Object() {
			@Override
			public String toString() {
				throw new IllegalStateException("toString");
			}
		});
		metadata.put("nan", Double.NaN);
		metadata.put("control", "nul\u0000 bell\u0007 lone\uD800 surrogate");
		metadata.put("Authorization", "Bearer abc");
		metadata.put("nested", Map.of("clientSecret", "s3cr3t", "fine", "ok"));
		String huge = "x".repeat(5_000_000);

		try (SeeStackClient client = recordingClient()) {
			client.captureError(new ThrowingMessageException(), ErrorContext.builder().metadata(metadata).build());
			client.captureError(new RuntimeException(huge));
			client.captureLog(Level.ERROR, huge, metadata);
			client.captureLog(Level.WARN, "\u0000\u0001", Map.of("k", huge));
			client.captureHttpRequest(HttpRequestEvent.builder().method("").host("").path("?only=query").build());
			client.flush(Duration.ofSeconds(10));
		}

		List<JsonNode> errors = this.transport.bodies(Feature.ERRORS);
		assertThat(errors).hasSize(2);
		assertThat(errors.get(0).get("message").asString()).startsWith("[getMessage() threw");
		JsonNode sent = errors.get(0).get("metadata");
		assertThat(sent.get("cyclicMap").get("self").asString()).isEqualTo("[cyclic]");
		// Beans are rendered by their toString(), never by their getters.
		assertThat(sent.get("cyclicBean").asString()).startsWith(Node.class.getName() + "@");
		assertThat(sent.get("throwingGetter").asString()).startsWith(ThrowingGetter.class.getName() + "@");
		assertThat(sent.get("notSerialisable").asString()).startsWith("[unserializable");
		assertThat(sent.get("Authorization").asString()).isEqualTo("[MASKED]");
		assertThat(sent.get("nested").get("clientSecret").asString()).isEqualTo("[MASKED]");
		assertThat(sent.get("nested").get("fine").asString()).isEqualTo("ok");
		assertThat(sent.get("nan").asString()).isEqualTo("NaN");
		assertThat(sent.get("control").asString()).doesNotContain("\u0000").doesNotContain("\uD800");
		assertThat(errors.get(1).get("message").asString()).hasSizeLessThanOrEqualTo(8_192).endsWith("…[truncated]");
		List<JsonNode> logs = this.transport.bodies(Feature.LOGS);
		assertThat(logs).hasSize(2);
		assertThat(logs.get(0).get("message").asString()).endsWith("…[truncated]");
		assertThat(this.transport.httpItems().get(0).get("path").asString()).isEqualTo("/");
	}

	@Test
	@Timeout(30) // guards against a hang; not a performance threshold
	void captureNeverWaitsForABackendThatNeverAnswers() {
		Transport neverAnswers = (request) -> new CompletableFuture<>();
		try (SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey("k")
			.transport(neverAnswers).bufferSize(50).build())) {
			for (int i = 0; i < 10_000; i++) {
				client.captureError(new RuntimeException("e" + i));
				client.captureLog(Level.INFO, "l" + i, null);
			}
			assertThat(client.bufferedCount(Feature.ERRORS)).isLessThanOrEqualTo(50);
			assertThat(client.flush(Duration.ofMillis(200))).isFalse();
		}
	}

	@Test
	void aTransportThatThrowsIsContained() {
		Transport throwing = (request) -> {
			throw new IllegalStateException("transport bug");
		};
		try (SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey("k").transport(throwing)
			.build())) {
			assertThatNoException().isThrownBy(() -> client.captureError(new RuntimeException("x")));
			assertThat(client.flush(Duration.ofSeconds(5))).isFalse();
		}
	}

	@Test
	void anErrorWhoseMethodsFailWithoutEndIsStillSentAndDeliveryGoesOn() {
		try (SeeStackClient client = recordingClient()) {
			assertThatNoException().isThrownBy(() -> client.captureError(new RecursingCauseException()));
			assertThatNoException().isThrownBy(() -> client.captureError(new RecursingMessageException()));
			client.captureError(new IllegalStateException("after them"));
			assertThat(client.flush(Duration.ofSeconds(5))).isTrue();
		}
		assertThat(this.transport.bodies(Feature.ERRORS)).extracting((error) -> error.get("exceptionClass").asString()
				+ ": " + error.get("message").asString())
			.containsExactly(RecursingCauseException.class.getName() + ": (no message)",
					RecursingMessageException.class.getName() + ": [getMessage() threw java.lang.StackOverflowError]",
					"java.lang.IllegalStateException: after them");
	}

	@Test
	void everyMethodIsASilentNoOpBeforeInit() {
		assertThat(SeeStack.getClient().isEnabled()).isFalse();
		assertThatNoException().isThrownBy(() -> {
			try (Scope scope = SeeStack.openScope()) {
				SeeStack.setUser(User.builder().id("x").build());
				SeeStack.captureError(new RuntimeException());
				SeeStack.captureLog(Level.INFO, "m", Map.of());
				SeeStack.finishJob(SeeStack.startJob("job"), JobStatus.SUCCESS, null);
				SeeStack.wrap(() -> {
				}).run();
			}
		});
		assertThat(SeeStack.getCurrentUser()).isEmpty();
		assertThat(SeeStack.flush()).isTrue();
	}

	private SeeStackClient recordingClient() {
		return SeeStackClient.create(SeeStackOptions.builder().apiKey("k").transport(this.transport)
			.projectId("a1b2c3d4-e5f6-7890-abcd-ef1234567890").build());
	}

	/** A broken exception class: its cause cannot be read, and reading it fails with an error, not an exception. */
	static final class RecursingCauseException extends RuntimeException {

		@Override
		public synchronized Throwable getCause() {
			throw new StackOverflowError("getCause recursed");
		}

	}

	/** A message that recurses until the stack overflows, as a badly written {@code getMessage()} can. */
	static final class RecursingMessageException extends RuntimeException {

		@Override
		public String getMessage() {
			return "again: " + getMessage();
		}

	}

	static final class ThrowingMessageException extends RuntimeException {

		@Override
		public String getMessage() {
			throw new IllegalStateException("no message for you");
		}

	}

	public static final class ThrowingGetter {

		public String getValue() {
			throw new IllegalStateException("getter");
		}

	}

	public static final class Node {

		public Node getNext() {
			return this;
		}

	}

}
