package io.seestack.spring.autoconfigure.actuate;

import java.nio.file.Path;
import java.time.Duration;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackOptionsCustomizer;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SeeStackHealthAutoConfiguration}, against a real ingest server.
 */
class SeeStackHealthAutoConfigurationTests {

	private static IngestServer ingest;

	@TempDir
	Path temp;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackHealthAutoConfiguration.class));

	@BeforeAll
	static void startIngest() {
		ingest = IngestServer.start();
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@BeforeEach
	void resetIngest() {
		ingest.reset();
	}

	private ApplicationContextRunner withIngest(String apiKey) {
		return this.contextRunner.withPropertyValues("seestack.api-key=" + apiKey, "seestack.host=" + ingest.url());
	}

	@Test
	void isUpWithTheHostWhileSending() {
		withIngest(IngestServer.API_KEY).run((context) -> {
			Health health = context.getBean("seestackHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "remote").containsEntry("host", ingest.url());
		});
	}

	@Test
	void isUpWithTheOutboxInLocalMode() {
		withIngest(IngestServer.API_KEY)
			.withBean(SeeStackOptionsCustomizer.class, () -> (builder) -> builder.local(null))
			.run((context) -> {
				Health health = context.getBean("seestackHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("mode", "local").containsEntry("outbox", "memory");
			});
	}

	@Test
	void isUpWithTheOutboxFileWhenNoApiKeyIsSet() {
		Path outbox = this.temp.resolve("outbox.jsonl");
		this.contextRunner.withPropertyValues("seestack.local.outbox=" + outbox).run((context) -> {
			Health health = context.getBean("seestackHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "local")
				.containsEntry("outbox", outbox.toAbsolutePath().toString());
		});
	}

	@Test
	void isUnknownWithTheReasonAfterTheBackendRefusedTheApiKey() {
		withIngest("not-the-key").run((context) -> {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			client.captureError(new IllegalStateException("boom"));
			await().atMost(Duration.ofSeconds(10)).until(() -> client.disabledReason().isPresent());
			Health health = context.getBean("seestackHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails()).containsEntry("mode", "remote")
				.hasEntrySatisfying("reason", (reason) -> assertThat(reason.toString()).contains("401"));
		});
	}

	@Test
	void isDownWithTheReasonAfterTheBackendRefusedTheApiKeyWhenDownWhenFailing() {
		withIngest("not-the-key").withPropertyValues("seestack.health.down-when-failing=true").run((context) -> {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			client.captureError(new IllegalStateException("boom"));
			await().atMost(Duration.ofSeconds(10)).until(() -> client.disabledReason().isPresent());
			Health health = context.getBean("seestackHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).hasEntrySatisfying("reason",
					(reason) -> assertThat(reason.toString()).contains("401"));
		});
	}

	@Test
	void isUnknownWithTheFailingFeatureWhileDeliveriesFailAfterEveryRetryThenUpAgain() {
		// 429 with Retry-After: 0 is retried at once, so every attempt is used up in milliseconds.
		ingest.respond("/ingest/v1/errors", 429, "Retry-After", "0");
		withIngest(IngestServer.API_KEY).run((context) -> {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			HealthIndicator indicator = context.getBean("seestackHealthIndicator", HealthIndicator.class);
			client.captureError(new IllegalStateException("undeliverable"));
			await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UNKNOWN));
			Health health = indicator.health();
			assertThat(health.getDetails()).containsEntry("mode", "remote")
				.containsKey("failingSince")
				.hasEntrySatisfying("reason", (reason) -> assertThat(reason.toString())
					.startsWith("delivery of errors fails after every retry"));
			ingest.reset();
			client.captureError(new IllegalStateException("delivered"));
			await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));
			assertThat(indicator.health().getDetails()).doesNotContainKeys("reason", "failingSince");
		});
	}

	@Test
	void isUnknownWithTheSpoolWhileTheBackendIsDownThenUpWhenTheSpoolIsDelivered() {
		ingest.respond("/ingest/v1/errors", 429, "Retry-After", "0");
		withIngest(IngestServer.API_KEY)
			.withPropertyValues("seestack.spool.enabled=true", "seestack.spool.directory=" + this.temp.resolve("spool"))
			.run((context) -> {
				SeeStackClient client = context.getBean(SeeStackClient.class);
				HealthIndicator indicator = context.getBean("seestackHealthIndicator", HealthIndicator.class);
				client.captureError(new IllegalStateException("kept for later"));
				await().atMost(Duration.ofSeconds(10))
					.until(() -> indicator.health().getStatus().equals(Status.UNKNOWN));
				assertThat(indicator.health().getDetails())
					.hasEntrySatisfying("reason",
							(reason) -> assertThat(reason.toString()).startsWith("the ingest host does not answer"))
					.hasEntrySatisfying("spool", (spool) -> assertThat(spool.toString()).contains("bodies=1"));
				ingest.reset();
				await().atMost(Duration.ofSeconds(20)).until(() -> indicator.health().getStatus().equals(Status.UP));
				assertThat(indicator.health().getDetails()).doesNotContainKey("reason")
					.hasEntrySatisfying("spool", (spool) -> assertThat(spool.toString()).contains("bodies=0"));
			});
	}

	@Test
	void isDownWhileDeliveriesFailAfterEveryRetryWhenDownWhenFailing() {
		ingest.respond("/ingest/v1/errors", 429, "Retry-After", "0");
		withIngest(IngestServer.API_KEY).withPropertyValues("seestack.health.down-when-failing=true")
			.run((context) -> {
				context.getBean(SeeStackClient.class).captureError(new IllegalStateException("undeliverable"));
				HealthIndicator indicator = context.getBean("seestackHealthIndicator", HealthIndicator.class);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> indicator.health().getStatus().equals(Status.DOWN));
			});
	}

	@Test
	void isUnknownWhenNoApiKeyIsSetAndLocalModeIsDisabled() {
		this.contextRunner.withPropertyValues("seestack.local.enabled=false").run((context) -> {
			Health health = context.getBean("seestackHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails()).containsEntry("reason", "not configured");
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesTheIndicator() {
		HealthIndicator own = () -> Health.up().build();
		withIngest(IngestServer.API_KEY).withBean("seestackHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> {
				assertThat(context).getBean("seestackHealthIndicator").isSameAs(own);
				assertThat(context).doesNotHaveBean(SeeStackDeliveryFailures.class);
			});
	}

	@Test
	void isSwitchedOffByTheHealthIndicatorProperty() {
		withIngest(IngestServer.API_KEY).withPropertyValues("management.health.seestack.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("seestackHealthIndicator")
				.doesNotHaveBean(SeeStackDeliveryFailures.class));
	}

	@Test
	void isSwitchedOffWithSeeStackWhileTheNoopClientStays() {
		withIngest(IngestServer.API_KEY).withPropertyValues("seestack.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
				.doesNotHaveBean("seestackHealthIndicator")
				.doesNotHaveBean(SeeStackDeliveryFailures.class));
	}

	@Test
	void backsOffWithoutTheHealthApi() {
		withIngest(IngestServer.API_KEY).withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
				.doesNotHaveBean("seestackHealthIndicator"));
	}

}
