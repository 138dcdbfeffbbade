package io.seestack.spring.autoconfigure.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seestack.Feature;
import io.seestack.Level;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SeeStackMetricsAutoConfiguration}, against a real ingest server.
 */
class SeeStackMetricsAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static IngestServer ingest;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, SeeStackAutoConfiguration.class,
				SeeStackMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("seestack.api-key=" + IngestServer.API_KEY);

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

	private ApplicationContextRunner withIngest() {
		return this.contextRunner.withPropertyValues("seestack.host=" + ingest.url());
	}

	@Test
	void registersTheCountingListenerAndTheBufferGauges() {
		withIngest().run((context) -> {
			assertThat(context).hasSingleBean(SeeStackMeterDeliveryListener.class)
				.hasSingleBean(SeeStackBufferMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (Feature feature : Feature.values()) {
				assertThat(registry.get("seestack.buffer.size").tag("feature", SeeStackMeterDeliveryListener.tag(feature))
					.gauge()
					.value()).isZero();
			}
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesTheMeters() {
		withIngest()
			.withBean("ownListener", SeeStackMeterDeliveryListener.class,
					() -> new SeeStackMeterDeliveryListener(new SimpleMeterRegistry()))
			.withBean("ownGauges", SeeStackBufferMetrics.class,
					() -> new SeeStackBufferMetrics(SeeStackClient.noop()))
			.run((context) -> {
				assertThat(context).getBeanNames(SeeStackMeterDeliveryListener.class).containsExactly("ownListener");
				assertThat(context).getBeanNames(SeeStackBufferMetrics.class).containsExactly("ownGauges");
			});
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackMetricsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(SeeStackClient.class);
				assertThat(context).doesNotHaveBean(SeeStackMeterDeliveryListener.class);
			});
	}

	@Test
	void isSwitchedOffWithSeeStackWhileTheNoopClientStays() {
		withIngest().withPropertyValues("seestack.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
				.doesNotHaveBean(SeeStackMeterDeliveryListener.class)
				.doesNotHaveBean(SeeStackBufferMetrics.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		withIngest().withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
				.doesNotHaveBean(SeeStackMeterDeliveryListener.class));
	}

	@Test
	void countsEventsSent() {
		withIngest().run((context) -> {
			context.getBean(SeeStackClient.class).captureError(new IllegalStateException("boom"));
			await().atMost(WAIT).until(() -> count(context, "seestack.events.sent", "errors") == 1);
		});
	}

	@Test
	void countsRetriesThenTheEventSent() {
		ingest.respondInSequence("/ingest/v1/errors", 500, 202);
		withIngest().run((context) -> {
			context.getBean(SeeStackClient.class).captureError(new IllegalStateException("boom"));
			await().atMost(WAIT).until(() -> count(context, "seestack.events.sent", "errors") == 1);
			assertThat(count(context, "seestack.events.retried", "errors")).isOne();
		});
	}

	@Test
	void countsEventsDroppedWithTheReason() {
		ingest.respond("/ingest/v1/errors", 422);
		withIngest().run((context) -> {
			context.getBean(SeeStackClient.class).captureError(new IllegalStateException("boom"));
			await().atMost(WAIT).until(() -> dropped(context, "errors", "rejected") == 1);
		});
	}

	@Test
	void countsEventsDroppedBecauseTheApiKeyWasRefused() {
		withIngest().withPropertyValues("seestack.api-key=not-the-key").run((context) -> {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			client.captureError(new IllegalStateException("boom"));
			await().atMost(WAIT).until(() -> dropped(context, "errors", "disabled") == 1);
			assertThat(client.disabledReason()).isPresent();
		});
	}

	@Test
	void gaugesTheEventsWaitingInTheBuffer() {
		withIngest().withPropertyValues("seestack.flush-interval=1h").run((context) -> {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			client.captureLog(Level.INFO, "one", null);
			client.captureLog(Level.INFO, "two", null);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("seestack.buffer.size").tag("feature", "logs").gauge().value()).isEqualTo(2);
		});
	}

	private static double count(AssertableApplicationContext context, String name, String feature) {
		Counter counter = context.getBean(MeterRegistry.class).find(name).tag("feature", feature).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static double dropped(AssertableApplicationContext context, String feature, String reason) {
		Counter counter = context.getBean(MeterRegistry.class)
			.find("seestack.events.dropped")
			.tags("feature", feature, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
