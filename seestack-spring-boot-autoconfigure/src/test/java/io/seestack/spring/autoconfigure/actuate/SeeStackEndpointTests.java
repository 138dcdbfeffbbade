package io.seestack.spring.autoconfigure.actuate;

import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;

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
			SeeStackEndpoint endpoint = endpoint(client);
			client.captureError(new IllegalStateException("first"));
			await().until(() -> endpoint.seestack(SecurityContext.NONE).recentPayloads().size() == 1);
			client.captureError(new IllegalStateException("second"));
			await().until(() -> endpoint.seestack(SecurityContext.NONE).recentPayloads().size() == 2);
			SeeStackDescriptor descriptor = endpoint.seestack(SecurityContext.NONE);
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
			SeeStackEndpoint endpoint = endpoint(client);
			client.captureError(new IllegalStateException("boom"));
			await().until(() -> !endpoint.seestack(SecurityContext.NONE).recentPayloads().isEmpty());
			Map<String, Object> json = ENDPOINT_JSON.readValue(
					ENDPOINT_JSON.writeValueAsString(endpoint.seestack(SecurityContext.NONE)),
					new TypeReference<Map<String, Object>>() {
					});
			assertThat(json).containsOnlyKeys("mode", "target", "disabledReason", "features", "recentPayloads", "spool")
				.containsEntry("mode", "LOCAL")
				.containsEntry("target", "memory")
				.containsEntry("disabledReason", null)
				.containsEntry("spool", null);
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
			SeeStackEndpoint endpoint = endpoint(client);
			client.captureError(new IllegalStateException("sent"));
			await().until(() -> endpoint.seestack(SecurityContext.NONE).features().get("ERRORS").sent() == 1);
			SeeStackDescriptor descriptor = endpoint.seestack(SecurityContext.NONE);
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
			SeeStackEndpoint endpoint = endpoint(client);
			client.captureError(new IllegalStateException("refused"));
			await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.seestack(SecurityContext.NONE).disabledReason() != null);
			assertThat(endpoint.seestack(SecurityContext.NONE).disabledReason()).contains("401");
			assertThat(ENDPOINT_JSON.writeValueAsString(endpoint.seestack(SecurityContext.NONE)))
				.doesNotContain("seestack_refused_key_5e1");
		}
	}

	@Test
	void listsEveryFeatureWithZerosWhenTheClientIsOff() {
		SeeStackDescriptor descriptor = endpoint(SeeStackClient.noop()).seestack(SecurityContext.NONE);
		assertThat(descriptor.mode()).isEqualTo("OFF");
		assertThat(descriptor.target()).isEqualTo("none");
		assertThat(descriptor.features()).containsOnlyKeys(FEATURES)
			.allSatisfy((name, counts) -> assertThat(counts).isEqualTo(new FeatureDescriptor(0, 0, 0, 0, 0)));
		assertThat(descriptor.recentPayloads()).isEmpty();
	}


	@Test
	void showsPayloadBodiesOnlyToWhomShowValuesAllows(@TempDir Path outbox) {
		try (SeeStackClient client = SeeStackClient
			.create(SeeStackOptions.builder().local(outbox.resolve("outbox.jsonl")).build())) {
			client.captureError(new IllegalStateException("ada's error"));
			client.flush(Duration.ofSeconds(5));
			SecurityContext operator = securityContext("ops", "ACTUATOR");
			SecurityContext someone = securityContext("mallory", "USER");

			SeeStackEndpoint byDefault = new SeeStackEndpoint(client, Show.WHEN_AUTHORIZED, Set.of());
			assertThat(body(byDefault, SecurityContext.NONE)).isEqualTo("\"******\"");
			assertThat(body(byDefault, someone)).contains("ada's error");
			SeeStackEndpoint byRole = new SeeStackEndpoint(client, Show.WHEN_AUTHORIZED, Set.of("ACTUATOR"));
			assertThat(body(byRole, someone)).isEqualTo("\"******\"");
			assertThat(body(byRole, operator)).contains("ada's error");
			assertThat(body(new SeeStackEndpoint(client, Show.NEVER, Set.of()), operator)).isEqualTo("\"******\"");
		}
	}

	@Test
	void showsWhatTheSpoolHolds(@TempDir Path spool) {
		try (SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey(IngestServer.API_KEY)
			.host(ingest.url()).spool(spool).shutdownHook(false).build())) {
			assertThat(endpoint(client).seestack(SecurityContext.NONE).spool())
				.isEqualTo(new SeeStackEndpoint.SpoolDescriptor(spool.toAbsolutePath().toString(), 0, 0, false));
		}
		assertThat(endpoint(SeeStackClient.noop()).seestack(SecurityContext.NONE).spool()).isNull();
	}

	private static String body(SeeStackEndpoint endpoint, SecurityContext securityContext) {
		return endpoint.seestack(securityContext).recentPayloads().get(0).body();
	}

	private static SeeStackEndpoint endpoint(SeeStackClient client) {
		return new SeeStackEndpoint(client, Show.ALWAYS, Set.of());
	}

	private static SecurityContext securityContext(String name, String role) {
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> name;
			}

			@Override
			public boolean isUserInRole(String candidate) {
				return role.equals(candidate);
			}

		};
	}

}
