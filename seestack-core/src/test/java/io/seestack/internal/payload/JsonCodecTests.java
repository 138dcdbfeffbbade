package io.seestack.internal.payload;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.seestack.HttpRequestEvent;
import io.seestack.JobStatus;
import io.seestack.Level;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming codec writes every payload byte for byte as the data-binding mapper it replaced did, and Jackson
 * trees passed as metadata (Jackson 3's or Jackson 2's) keep their names, with their secrets masked.
 */
class JsonCodecTests {

	/** The mapper the SDK used before, configured as it was. */
	private static final JsonMapper DATA_BINDING = JsonMapper
		.builder(JsonFactory.builder()
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(32).build())
			.build())
		.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.build();

	private final JsonCodec codec = new JsonCodec();

	private final PayloadFactory payloads = new PayloadFactory(SeeStackOptions.builder().apiKey("k")
		.projectId("a1b2c3d4-e5f6-7890-abcd-ef1234567890").environment("staging").release("v1.4.2")
		.serviceName("checkout").build(), this.codec);

	private final Instant timestamp = Instant.parse("2026-01-02T03:04:05.678Z");

	@Test
	void errorBodyIsWrittenAsDataBindingWroteIt() {
		User user = User.builder().id("usr_1").email("ada@example.com").ip("203.0.113.7").username("ada")
			.data("plan", "pro").data("seats", 12).build();
		CapturedError error = new CapturedError(ThrowableCopy.of(new IllegalStateException("payé \"now\"\n\t\u0001",
				new java.io.IOException("reset"))), Level.FATAL, Sanitizer.copyOf(user), "198.51.100.1",
				Sanitizer.copy(metadata()), "sess_1", "0af7651916cd43dd8448eb211c80319c", Map.of("tenant", "acme"),
				this.timestamp, new Suppressed(3, 0, 0));

		Map<String, Object> body = new LinkedHashMap<>(this.payloads.error(error));
		// The frames are JSON strings already encoded; data binding is given their text.
		body.put("stackTrace", ((List<?>) body.get("stackTrace")).stream()
			.map((frame) -> (frame instanceof SerializableString encoded) ? encoded.getValue() : frame)
			.toList());

		assertThat(json(this.payloads.errorBody(error))).isEqualTo(json(DATA_BINDING.writeValueAsBytes(body)));
	}

	@Test
	void logBodyIsWrittenAsDataBindingWroteIt() {
		CapturedLog log = new CapturedLog(Level.WARN, "stock low: \u2603 \uD83D\uDE00 </script>",
				Sanitizer.copy(metadata()), User.builder().id("usr_2").build(), null, null, Map.of(), this.timestamp);

		Map<String, Object> body = this.payloads.log(log);

		assertThat(json(this.codec.write(body))).isEqualTo(json(DATA_BINDING.writeValueAsBytes(body)));
	}

	@Test
	void heartbeatBodyIsWrittenAsDataBindingWroteIt() {
		Map<String, Object> body = this.payloads.heartbeat(new CapturedHeartbeat("nightly", JobStatus.FAILED, 1234,
				"disk full"));

		assertThat(json(this.codec.write(body))).isEqualTo(json(DATA_BINDING.writeValueAsBytes(body)));
	}

	@Test
	void httpRequestBatchIsWrittenAsTheMappersGeneratorWroteIt() {
		List<CapturedHttpRequest> items = List.of(
				new CapturedHttpRequest(HttpRequestEvent.builder().method("get").host("https://api.example.com/x")
					.path("/orders/42?token=secret").statusCode(500).duration(Duration.ofMillis(12)).requestSize(3)
					.responseSize(2048).timestamp(this.timestamp).build(), "usr_1", "trace-1"),
				new CapturedHttpRequest(HttpRequestEvent.builder().method("POST").host("shop.local").path("/cart")
					.statusCode(201).duration(Duration.ofMillis(3)).timestamp(this.timestamp).build(), null,
						"trace-2"));
		String projectId = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";

		byte[] streamed = this.payloads.httpRequests(items);

		assertThat(json(streamed)).isEqualTo(json(mapperGenerator(
				(generator) -> HttpRequestBatchWriter.write(generator, projectId, items))));
	}

	@Test
	void jackson3TreeKeepsItsNamesAndHasItsSecretsMasked() {
		ObjectNode tree = DATA_BINDING.createObjectNode();
		tree.put("plan", "pro").put("password", "hunter2").put("seats", 12).put("ratio", 0.5);
		tree.putArray("tags").add("a").add(true).addNull();
		tree.putObject("nested").put("apiKey", "sk_live_1").put("region", "eu");

		String written = json(this.codec.write(Sanitizer.copy(Map.of("account", tree))));

		assertThat(written).isEqualTo("{\"account\":{\"plan\":\"pro\",\"password\":\"[MASKED]\",\"seats\":12,"
				+ "\"ratio\":0.5,\"tags\":[\"a\",true,null],\"nested\":{\"apiKey\":\"[MASKED]\",\"region\":\"eu\"}}}");
	}

	@Test
	void jackson2TreeKeepsItsNamesAndHasItsSecretsMasked() {
		com.fasterxml.jackson.databind.node.ObjectNode tree = new com.fasterxml.jackson.databind.ObjectMapper()
			.createObjectNode();
		tree.put("plan", "pro").put("token", "tok_1").put("seats", 12L);
		tree.putArray("list").add(1).add("two");

		String written = json(this.codec.write(Sanitizer.copy(Map.of("account", tree))));

		assertThat(written).isEqualTo(
				"{\"account\":{\"plan\":\"pro\",\"token\":\"[MASKED]\",\"seats\":12,\"list\":[1,\"two\"]}}");
	}

	private static Map<String, Object> metadata() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("orderId", "ORD-5512");
		metadata.put("apiKey", "sk_live_123");
		metadata.put("count", 7);
		metadata.put("big", 9_007_199_254_740_993L);
		metadata.put("small", (short) 3);
		metadata.put("tiny", (byte) 1);
		metadata.put("ratio", 0.1);
		metadata.put("half", 0.5f);
		metadata.put("huge", 1.0E300);
		metadata.put("notANumber", Double.NaN);
		metadata.put("flag", true);
		metadata.put("nothing", null);
		metadata.put("emoji", "\uD83D\uDE00 \u00e9 \\ /");
		metadata.put("nested", Map.of("list", List.of(1, "two", Map.of("secret", "s"))));
		metadata.put("record", new Line("SKU-1", 2));
		metadata.put("array", new int[] { 1, 2, 3 });
		return metadata;
	}

	@Test
	void bodiesWrittenOneAfterAnotherOrAtOnceAreEachWhole() throws Exception {
		String large = "x".repeat(100_000);
		assertThat(json(this.codec.write(Map.of("a", large)))).isEqualTo("{\"a\":\"" + large + "\"}");
		assertThat(json(this.codec.write(Map.of("b", 1)))).isEqualTo("{\"b\":1}");
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				String value = "thread-" + t + "-" + "y".repeat(t * 3_000);
				results.add(threads.submit(() -> {
					for (int i = 0; i < 2_000; i++) {
						if (!json(this.codec.write(Map.of("v", value))).equals("{\"v\":\"" + value + "\"}")) {
							return false;
						}
					}
					return true;
				}));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static byte[] mapperGenerator(Consumer<JsonGenerator> payload) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (JsonGenerator generator = DATA_BINDING.createGenerator(bytes)) {
			payload.accept(generator);
		}
		return bytes.toByteArray();
	}

	private static String json(byte[] bytes) {
		return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
	}

	record Line(String sku, int quantity) {
	}

}
