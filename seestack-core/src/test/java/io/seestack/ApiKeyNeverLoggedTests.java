package io.seestack;

import java.time.Duration;
import java.util.Map;

import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The API key appears in no log line, at any level, in debug mode, through success, failure and 401. */
class ApiKeyNeverLoggedTests {

	@Test
	void apiKeyIsNeverLoggedEvenInDebugMode() {
		String key = "seestack_live_never_log_me";
		try (IngestServer server = IngestServer.start(); LogCapture logs = new LogCapture()) {
			server.respondInSequence("/ingest/v1/logs", 500, 202);
			SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey(key).host(server.url())
				.debug(true).build());
			client.captureLog(Level.INFO, "hello", Map.of("apiKey", key));
			client.captureError(new IllegalStateException("with key " + "in metadata"),
					ErrorContext.builder().metadata("X-SeeStack-Key", key).build());
			client.flush(Duration.ofSeconds(10));
			client.close();

			assertThat(logs.lines()).isNotEmpty();
			assertThat(logs.lines()).noneMatch((line) -> line.contains(key));
			assertThat(logs.lines()).anyMatch((line) -> line.contains("HTTP 401"));
			assertThat(server.received()).allSatisfy((request) -> assertThat(request.body()).doesNotContain(key));
		}
	}

}
