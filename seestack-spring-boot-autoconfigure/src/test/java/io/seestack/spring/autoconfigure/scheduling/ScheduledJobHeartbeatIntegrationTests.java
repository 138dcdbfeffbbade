package io.seestack.spring.autoconfigure.scheduling;

import java.time.Duration;
import java.util.List;

import io.seestack.JobHandle;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Boot application with {@code @EnableScheduling} and Spring Boot's own scheduler, reporting to a loopback
 * ingest server: the heartbeats of an annotated job that returns, of one that throws (an unchecked and a checked
 * exception), and of one named in {@code seestack.scheduling.monitors}, each with a duration within its real one.
 */
@SpringBootTest(classes = ScheduledJobHeartbeatIntegrationTests.App.class, webEnvironment = WebEnvironment.NONE,
		properties = { "seestack.api-key=" + IngestServer.API_KEY, "spring.task.scheduling.pool.size=4",
				"jobs.ledger.slug=ledger-check", "seestack.scheduling.monitors.plainJobs.cleanUp=cleanup-job" })
// Closed after the class: a cached context would keep its client in the static facade for the tests after it.
@DirtiesContext
class ScheduledJobHeartbeatIntegrationTests {

	private static final IngestServer ingest = IngestServer.start();

	private static final String HEARTBEAT = "/ingest/v1/heartbeat";

	@Autowired
	private SeeStackClient client;

	@Autowired
	private ScheduledJobs.Annotated annotated;

	@Autowired
	private ScheduledJobs.Plain plain;

	@DynamicPropertySource
	static void ingestHost(DynamicPropertyRegistry registry) {
		registry.add("seestack.host", ingest::url);
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@Test
	void anAnnotatedJobThatReturnsSendsSuccessWithADurationWithinItsRealOne() {
		List<JsonNode> beats = awaitHeartbeats("report-job", 3);
		assertThat(beats).allSatisfy((beat) -> {
			assertThat(text(beat, "status")).isEqualTo("success");
			assertThat(beat.has("message")).isFalse();
			assertThat(beat.get("durationMs").asLong()).isBetween(this.annotated.report.shortestMillis(),
					this.annotated.report.longestGapMillis());
		});
	}

	@Test
	void aJobNamedInThePropertiesSendsItsHeartbeatsToo() {
		List<JsonNode> beats = awaitHeartbeats("cleanup-job", 3);
		assertThat(beats).allSatisfy((beat) -> {
			assertThat(text(beat, "status")).isEqualTo("success");
			assertThat(beat.get("durationMs").asLong()).isBetween(this.plain.cleanUp.shortestMillis(),
					this.plain.cleanUp.longestGapMillis());
		});
	}

	@Test
	void aJobThatThrowsSendsFailedWithItsMessageAndItsErrorCarriesTheSlug() {
		assertThat(awaitHeartbeats("ledger-check", 2)).allSatisfy((beat) -> {
			assertThat(text(beat, "status")).isEqualTo("failed");
			assertThat(text(beat, "message")).isEqualTo("ledger out of balance");
		});
		assertThat(errorsOf("ledger-check")).isNotEmpty().allSatisfy((error) -> {
			assertThat(text(error, "exceptionClass")).isEqualTo("java.lang.IllegalStateException");
			assertThat(text(error, "message")).isEqualTo("ledger out of balance");
			assertThat(error.has("user")).isFalse();
		});
	}

	@Test
	void aCheckedExceptionIsReportedAsItselfNotAsSpringsWrapper() {
		assertThat(awaitHeartbeats("export-job", 1)).allSatisfy((beat) -> {
			assertThat(text(beat, "status")).isEqualTo("failed");
			assertThat(text(beat, "message")).isEqualTo("export disk full");
		});
		assertThat(errorsOf("export-job")).isNotEmpty()
			.allSatisfy((error) -> assertThat(text(error, "exceptionClass")).isEqualTo("java.io.IOException"));
	}

	@Test
	void anUnmonitoredJobSendsNothing() {
		awaitHeartbeats("report-job", 1);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.annotated.unmonitored.count() > 0);
		// Flushed after the unmonitored job ran, so a heartbeat it wrongly sent would be here.
		Payloads.flush(this.client);
		assertThat(ingest.bodies(HEARTBEAT)).extracting((beat) -> text(beat, "slug"))
			.containsOnly("report-job", "ledger-check", "export-job", "cleanup-job");
	}

	private List<JsonNode> awaitHeartbeats(String slug, int count) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
			.until(() -> heartbeats(slug).size() >= count);
		return heartbeats(slug);
	}

	private List<JsonNode> heartbeats(String slug) {
		Payloads.flush(this.client);
		return ingest.bodies(HEARTBEAT).stream().filter((beat) -> slug.equals(text(beat, "slug"))).toList();
	}

	private List<JsonNode> errorsOf(String slug) {
		Payloads.flush(this.client);
		return Payloads.errors(ingest)
			.stream()
			.filter((error) -> slug.equals(text(error, "metadata", JobHandle.SLUG_METADATA_KEY)))
			.toList();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableScheduling
	static class App {

		@Bean
		ScheduledJobs.Annotated annotatedJobs() {
			return new ScheduledJobs.Annotated();
		}

		@Bean
		ScheduledJobs.Plain plainJobs() {
			return new ScheduledJobs.Plain();
		}

	}

}
