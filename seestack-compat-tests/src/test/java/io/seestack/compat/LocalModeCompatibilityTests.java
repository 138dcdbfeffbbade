package io.seestack.compat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.SeeStackStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Without an API key the starter runs in local mode: payloads kept in memory and in the outbox file. */
class LocalModeCompatibilityTests {

	@Test
	void keepsPayloadsOnThisMachine(@TempDir Path directory) throws Exception {
		Path outbox = directory.resolve("outbox.jsonl");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Plain.class)
			.web(WebApplicationType.NONE)
			.properties("seestack.local.outbox=" + outbox, "seestack.flush-interval=100ms")
			.run()) {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			client.captureError(new IllegalStateException("kept locally"));
			assertThat(client.flush(java.time.Duration.ofSeconds(10))).isTrue();

			assertThat(client.status().mode()).isEqualTo(SeeStackStatus.Mode.LOCAL);
			assertThat(client.status().recentPayloads()).extracting(SeeStackStatus.RecordedPayload::path)
				.containsExactly("/ingest/v1/errors");
			List<String> lines = Files.readAllLines(outbox);
			assertThat(lines).hasSize(1);
			Object line = JsonText.parse(lines.get(0));
			assertThat(JsonText.text(line, "path")).isEqualTo("/ingest/v1/errors");
			assertThat(JsonText.text(line, "body", "message")).isEqualTo("kept locally");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Plain {

	}

}
