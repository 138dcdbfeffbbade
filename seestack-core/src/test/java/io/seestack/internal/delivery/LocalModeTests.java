package io.seestack.internal.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.seestack.Feature;
import io.seestack.HttpRequestEvent;
import io.seestack.LogCapture;
import io.seestack.Level;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.SeeStackStatus;
import io.seestack.User;
import io.seestack.testsupport.IngestSchemas;
import io.seestack.transport.TransportRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Local mode keeps every payload it would have sent: valid, bounded, on disk and in memory, never the key. */
class LocalModeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void payloadsAreKeptInTheRingAndAppendedToTheOutboxAsJsonLines() throws IOException {
		Path outbox = this.dir.resolve("seestack/outbox.jsonl");
		try (SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().local(outbox)
			.projectId("a1b2c3d4-e5f6-7890-abcd-ef1234567890").build())) {
			client.setUser(User.builder().id("ada").build());
			client.captureError(new IllegalStateException("boom"));
			client.captureLog(Level.WARN, "careful", Map.of());
			client.captureHttpRequest(HttpRequestEvent.builder().path("/orders?x=1").statusCode(200).build());
			assertThat(client.flush(Duration.ofSeconds(5))).isTrue();

			SeeStackStatus status = client.status();
			assertThat(status.mode()).isEqualTo(SeeStackStatus.Mode.LOCAL);
			assertThat(status.target()).isEqualTo(outbox.toAbsolutePath().toString());
			assertThat(status.features().get(Feature.ERRORS).sent()).isEqualTo(1);
			assertThat(status.features().get(Feature.HTTP_REQUESTS).sent()).isEqualTo(1);
			assertThat(status.recentPayloads()).extracting(SeeStackStatus.RecordedPayload::path)
				.containsExactlyInAnyOrder("/ingest/v1/errors", "/ingest/v1/logs", "/ingest/v1/http-requests");
			assertThat(status.recentPayloads()).allSatisfy((payload) -> assertThat(payload.body()).contains("ada"));
		}
		List<String> lines = Files.readAllLines(outbox);
		assertThat(lines).hasSize(3);
		for (String line : lines) {
			JsonNode entry = JSON.readTree(line);
			String path = entry.get("path").asString();
			assertThat(IngestSchemas.violations(path, entry.get("body"))).as(line).isEmpty();
			assertThat(entry.get("recordedAt").asString()).isNotBlank();
		}
	}

	@Test
	void theOutboxIsRotatedSoItNeverGrowsWithoutBound() throws IOException {
		Path outbox = this.dir.resolve("outbox.jsonl");
		LocalOutboxTransport transport = new LocalOutboxTransport(outbox, 2_000);
		byte[] body = "{\"level\":\"info\",\"message\":\"0123456789012345678901234567890123456789\"}".getBytes();

		for (int i = 0; i < 500; i++) {
			transport.send(new TransportRequest(Feature.LOGS, body, 1));
		}

		assertThat(Files.size(outbox)).isLessThanOrEqualTo(2_000);
		assertThat(Files.size(this.dir.resolve("outbox.jsonl.1"))).isLessThanOrEqualTo(2_000);
		assertThat(Files.list(this.dir)).hasSize(2);
		assertThat(transport.recent()).hasSize(LocalOutboxTransport.RING_SIZE);
	}

	@Test
	void localModeWinsOverACustomTransportSoItsStatusTellsTheTruth() {
		io.seestack.RecordingTransport custom = new io.seestack.RecordingTransport();
		try (SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().local(null).transport(custom)
			.build())) {
			client.captureError(new IllegalStateException("kept locally"));

			assertThat(client.flush(Duration.ofSeconds(5))).isTrue();
			assertThat(client.status().recentPayloads()).hasSize(1);
			assertThat(client.status().target()).isEqualTo("memory");
		}
		assertThat(custom.bodies(Feature.ERRORS)).isEmpty();
	}

	@Test
	void localModeNeedsNoApiKeyAndAnUnwritableOutboxOnlyWarns() throws IOException {
		Path notADirectory = Files.writeString(this.dir.resolve("file"), "x");
		try (SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey("  ")
			.local(notADirectory.resolve("outbox.jsonl")).build())) {
			client.captureError(new IllegalStateException("kept in memory"));

			assertThat(client.flush(Duration.ofSeconds(5))).isTrue();
			assertThat(client.status().recentPayloads()).hasSize(1);
		}
	}

	@Test
	void anOutboxPlantedAsALinkIsRefusedWithOneWarningAndItsTargetIsNotWritten() throws IOException {
		Path victim = Files.writeString(this.dir.resolve("victim.txt"), "precious");
		Path planted = Files.createSymbolicLink(this.dir.resolve("outbox.jsonl"), victim);
		try (LogCapture log = new LogCapture();
				SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().local(planted).build())) {
			client.captureError(new IllegalStateException("one"));
			client.captureError(new IllegalArgumentException("two"));

			assertThat(client.flush(Duration.ofSeconds(5))).isTrue();
			assertThat(client.status().recentPayloads()).hasSize(2);
			assertThat(log.warnings()).singleElement()
				.satisfies((warning) -> assertThat(warning).contains(planted.toString(), "symbolic link"));
		}
		assertThat(Files.readString(victim)).isEqualTo("precious");
	}

}
