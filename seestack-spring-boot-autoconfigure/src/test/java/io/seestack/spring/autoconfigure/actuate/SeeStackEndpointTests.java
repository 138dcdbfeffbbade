package io.seestack.spring.autoconfigure.actuate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.spring.autoconfigure.actuate.SeeStackEndpoint.FeatureDescriptor;
import io.seestack.spring.autoconfigure.actuate.SeeStackEndpoint.PayloadDescriptor;
import io.seestack.spring.autoconfigure.actuate.SeeStackEndpoint.SeeStackDescriptor;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SeeStackEndpoint}, with real clients in each mode, and its JSON as written by a mapper set up
 * like Boot's endpoint mapper (which leaves out nulls).
 */
class SeeStackEndpointTests {

	private static final List<String> FEATURES = List.of("ERRORS", "LOGS", "HTTP_REQUESTS", "HEARTBEATS");

	/** Like Boot's {@code JacksonEndpointAutoConfiguration}: null values and null map entries are left out. */
	private static final JsonMapper ENDPOINT_JSON = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL)
			.withContentInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private static IngestServer ingest;

	@TempDir
	Path temp;

	@BeforeAll
	static void startIngest() {
		ingest = IngestServer.start();
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@Test
	void showsTheOutboxAndTheRecentPayloadsOldestFirstInLocalMode() {
		Path outbox = this.temp.resolve("outbox.jsonl");
		try (SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().local(outbox).build())) {
			SeeStackEndpoint endpoint = new SeeStackEndpoint(client);
			client.captureError(new IllegalStateException("first"));
			await().until(() -> endpoint.seestack().recentPayloads().size() == 1);
			client.captureError(new IllegalStateException("second"));
			await().until(() -> endpoint.seestack().recentPayloads().size() == 2);
			SeeStackDescriptor descriptor = endpoint.seestack();
			assertThat(descriptor.mode()).isEqualTo("LOCAL");
			assertThat(descriptor.target()).isEqualTo(outbox.toAbsolutePath().toString());
			assertThat(descriptor.disabledReason()).isNull();
			assertThat(descriptor.features()).containsOnlyKeys(FEATURES);
			assertThat(descriptor.features().get("ERRORS").sent()).isEqualTo(2);
			assertThat(descriptor.recentPayloads()).extracting(PayloadDescriptor::path)
				.containsExactly("/ingest/v1/errors", "/ingest/v1/errors");
			assertThat(descriptor.recentPayloads().get(0).body()).contains("\"first\"");
			assertThat(descriptor.recentPayloads().get(1).body()).contains("\"second\"");
		}
	}

	@Test
	void writesDisabledReasonEvenWhenNullAndEachBodyAsAJsonObject() {
		try (SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().local(null).build())) {
			SeeStackEndpoint endpoint = new SeeStackEndpoint(client);
			client.captureError(new IllegalStateException("boom"));
			await().until(() -> !endpoint.seestack().recentPayloads().isEmpty());
			Map<String, Object> json = ENDPOINT_JSON.readValue(ENDPOINT_JSON.writeValueAsString(endpoint.seestack()),
					new TypeReference<Map<String, Object>>() {
					});
			assertThat(json).containsOnlyKeys("mode", "target", "disabledReason", "features", "recentPayloads")
				.containsEntry("mode", "LOCAL")
				.containsEntry("target", "memory")
				.containsEntry("disabledReason", null);
			assertThat(json.get("features")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsOnlyKeys(FEATURES.toArray())
				.extractingByKey("ERRORS")
				.isEqualTo(Map.of("sent", 1, "dropped", 0, "retried", 0, "buffered", 0, "capacity",
						SeeStackOptions.DEFAULT_BUFFER_SIZE));
			List<?> payloads = (List<?>) json.get("recentPayloads");
			assertThat(payloads).singleElement()
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsOnlyKeys("path", "recordedAt", "body")
				.containsEntry("path", "/ingest/v1/errors")
				.hasEntrySatisfying("recordedAt", (recordedAt) -> assertThat(recordedAt.toString()).endsWith("Z"))
				.hasEntrySatisfying("body", (body) -> assertThat(body).isInstanceOf(Map.class)
					.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsEntry("message", "boom"));
		}
	}

	@Test
	void showsTheHostAndDeliveryStateButNoPayloadsAndNeverTheApiKeyInRemoteMode() {
		try (SeeStackClient client = SeeStackClient
			.create(SeeStackOptions.builder().apiKey(IngestServer.API_KEY).host(ingest.url()).build())) {
			SeeStackEndpoint endpoint = new SeeStackEndpoint(client);
			client.captureError(new IllegalStateException("sent"));
			await().until(() -> endpoint.seestack().features().get("ERRORS").sent() == 1);
			SeeStackDescriptor descriptor = endpoint.seestack();
			assertThat(descriptor.mode()).isEqualTo("REMOTE");
			assertThat(descriptor.target()).isEqualTo(ingest.url());
			assertThat(descriptor.disabledReason()).isNull();
			assertThat(descriptor.recentPayloads()).isEmpty();
			assertThat(ENDPOINT_JSON.writeValueAsString(descriptor)).doesNotContain(IngestServer.API_KEY);
		}
	}

	@Test
	void showsWhyTheClientStoppedSending() {
		try (SeeStackClient client = SeeStackClient
			.create(SeeStackOptions.builder().apiKey("seestack_refused_key_5e1").host(ingest.url()).build())) {
			SeeStackEndpoint endpoint = new SeeStackEndpoint(client);
			client.captureError(new IllegalStateException("refused"));
			await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.seestack().disabledReason() != null);
			assertThat(endpoint.seestack().disabledReason()).contains("401");
			assertThat(ENDPOINT_JSON.writeValueAsString(endpoint.seestack())).doesNotContain("seestack_refused_key_5e1");
		}
	}

	@Test
	void listsEveryFeatureWithZerosWhenTheClientIsOff() {
		SeeStackDescriptor descriptor = new SeeStackEndpoint(SeeStackClient.noop()).seestack();
		assertThat(descriptor.mode()).isEqualTo("OFF");
		assertThat(descriptor.target()).isEqualTo("none");
		assertThat(descriptor.features()).containsOnlyKeys(FEATURES)
			.allSatisfy((name, counts) -> assertThat(counts).isEqualTo(new FeatureDescriptor(0, 0, 0, 0, 0)));
		assertThat(descriptor.recentPayloads()).isEmpty();
	}

}
