package io.seestack.spring.autoconfigure;

import java.time.Duration;

import io.seestack.Level;
import io.seestack.SeeStackClient;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API key never reaches the log, even with {@code seestack.debug=true}, in a real application whose logging
 * Boot has set up (so that the SDK's own log lines are captured too).
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyNeverLoggedTests {

	private static final String REFUSED_KEY = "seestack_refused_key_7a2b9e";

	private static IngestServer ingest;

	@BeforeAll
	static void startIngest() {
		ingest = IngestServer.start();
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@Test
	void debugLoggingOfWhatIsSentNeverShowsTheApiKey(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(IngestServer.API_KEY)) {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			client.captureError(new IllegalStateException("boom"));
			client.captureLog(Level.INFO, "hello", null);
			client.flush(Duration.ofSeconds(5));
			await().until(() -> ingest.count("/ingest/v1/errors") == 1 && ingest.count("/ingest/v1/logs") == 1);
		}
		assertThat(output).contains("SeeStack sent").doesNotContain(IngestServer.API_KEY);
	}

	@Test
	void theWarningAboutARefusedApiKeyNeverShowsTheKey(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(REFUSED_KEY)) {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			client.captureError(new IllegalStateException("boom"));
			await().until(() -> client.disabledReason().isPresent());
		}
		assertThat(output).contains("seestack.api-key").doesNotContain(REFUSED_KEY);
	}

	private static ConfigurableApplicationContext run(String apiKey) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("seestack.api-key=" + apiKey, "seestack.host=" + ingest.url(), "seestack.debug=true",
					"logging.level.io.seestack=TRACE")
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SeeStackAutoConfiguration.class)
	static class App {

	}

}
