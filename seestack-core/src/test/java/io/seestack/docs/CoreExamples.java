package io.seestack.docs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.seestack.ErrorContext;
import io.seestack.JobHandle;
import io.seestack.JobStatus;
import io.seestack.Level;
import io.seestack.Scope;
import io.seestack.SeeStack;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code examples of docs/core.md, run against a loopback ingest server. {@code DocSnippetsTests} checks that the
 * Markdown shows exactly the regions between the {@code tag::} and {@code end::} markers.
 */
class CoreExamples {

	private IngestServer server;

	@BeforeEach
	void start() {
		this.server = IngestServer.start();
	}

	@AfterEach
	void stop() {
		SeeStack.close();
		this.server.close();
	}

	@Test
	void initCaptureAndFlush() {
		String host = this.server.url();
		String apiKey = IngestServer.API_KEY;
		// tag::init[]
		SeeStack.init(SeeStackOptions.builder()
			.apiKey(apiKey)                       // X-SeeStack-Key, never logged
			.host(host)                           // default https://api.seestack.io
			.environment("staging")
			.release("2.4.1")
			.serviceName("billing-batch")
			.build());
		// end::init[]
		// tag::user[]
		SeeStack.setUser(User.builder().id("usr_42").email("ada@example.com").username("ada").build());
		try {
			chargeCustomers();
		}
		catch (RuntimeException ex) {
			SeeStack.captureError(ex, ErrorContext.builder()
				.metadata("batch", "2026-11-22")
				.build());
		}
		SeeStack.captureLog(Level.INFO, "Charged customers", Map.of("count", 1842));
		// end::user[]
		// tag::flush[]
		boolean delivered = SeeStack.flush(Duration.ofSeconds(5));
		SeeStack.close();                         // flushes again, with a 5 s deadline
		// end::flush[]
		assertThat(delivered).isTrue();
		assertThat(this.server.bodies("/ingest/v1/errors")).singleElement()
			.satisfies((error) -> assertThat(error.get("user").get("id").asString()).isEqualTo("usr_42"));
	}

	@Test
	void scopesAndThreads() throws Exception {
		SeeStack.init(SeeStackOptions.builder().apiKey(IngestServer.API_KEY).host(this.server.url()).build());
		ExecutorService executor = Executors.newSingleThreadExecutor();
		Request request = new Request("usr_7", "203.0.113.7");
		// tag::scope[]
		ExecutorService receipts = SeeStack.wrap(executor); // every task runs with its submitter's context
		try (Scope scope = SeeStack.openScope()) {
			scope.setUser(User.builder().id(request.userId()).build()); // this scope only
			scope.setIp(request.clientIp());
			scope.setTag("queue", "payments");
			receipts.submit(() -> {
				SeeStack.captureLog(Level.INFO, "Sending receipt", Map.of()); // still usr_7, same IP and tag
			}).get();
		} // closing restores exactly what this thread had before
		// end::scope[]
		executor.shutdown();
		assertThat(SeeStack.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(this.server.bodies("/ingest/v1/logs")).singleElement()
			.satisfies((log) -> {
				assertThat(log.get("metadata").get("userId").asString()).isEqualTo("usr_7");
				assertThat(log.get("metadata").get("userIp").asString()).isEqualTo("203.0.113.7");
				assertThat(log.get("metadata").get("tags").get("queue").asString()).isEqualTo("payments");
			});
	}

	@Test
	void fluentLog() {
		SeeStack.init(SeeStackOptions.builder().apiKey(IngestServer.API_KEY).host(this.server.url()).build());
		try (Scope scope = SeeStack.openScope()) {
			scope.setUser(User.builder().id("usr_42").build());
			scope.setTraceId("4bf92f3577b34da6a3ce929d0e0e4736");
			// tag::fluent-log[]
			SeeStack.log()
				.labels("user_action", "profile")
				.with("action", "update_bio")
				.correlationId("req_78910")
				.info("Profile updated");
			// end::fluent-log[]
		}
		assertThat(SeeStack.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(this.server.bodies("/ingest/v1/logs")).singleElement().satisfies((log) -> {
			assertThat(log.get("message").asString()).isEqualTo("Profile updated");
			assertThat(log.get("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
			assertThat(log.get("metadata").get("userId").asString()).isEqualTo("usr_42");
			assertThat(log.get("metadata").get("labels").toString()).isEqualTo("[\"user_action\",\"profile\"]");
			assertThat(log.get("metadata").get("action").asString()).isEqualTo("update_bio");
			assertThat(log.get("metadata").get("correlationId").asString()).isEqualTo("req_78910");
		});
	}

	@Test
	void identifyAndLogout() {
		SeeStack.init(SeeStackOptions.builder().apiKey(IngestServer.API_KEY).host(this.server.url()).build());
		User ada = User.builder().id("usr_42").build();
		// tag::identify[]
		try (Scope scope = SeeStack.openScope()) {
			SeeStack.captureLog(Level.INFO, "Login form submitted", Map.of());
			SeeStack.identify(ada, true);   // the log above is sent as usr_42 too
			SeeStack.logout();              // what follows is anonymous
		}
		// end::identify[]
		assertThat(SeeStack.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(this.server.bodies("/ingest/v1/logs")).singleElement()
			.satisfies((log) -> assertThat(log.get("metadata").get("userId").asString()).isEqualTo("usr_42"));
	}

	@Test
	void cronHeartbeat() {
		SeeStack.init(SeeStackOptions.builder().apiKey(IngestServer.API_KEY).host(this.server.url()).build());
		// tag::job[]
		JobHandle job = SeeStack.startJob("daily-report-generator");
		try {
			generateReport();
			SeeStack.finishJob(job, JobStatus.SUCCESS, "Report emailed");
		}
		catch (RuntimeException ex) {
			SeeStack.finishJob(job, JobStatus.FAILED, ex.getMessage());
			throw ex; // the heartbeat never swallows the job's error
		}
		// end::job[]
		assertThat(SeeStack.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(this.server.bodies("/ingest/v1/heartbeat")).singleElement()
			.satisfies((beat) -> assertThat(beat.get("status").asString()).isEqualTo("success"));
	}

	@Test
	void monitoredJob() {
		SeeStack.init(SeeStackOptions.builder().apiKey(IngestServer.API_KEY).host(this.server.url()).build());
		// tag::monitor[]
		SeeStack.monitor("daily-report-generator", () -> generateReport());
		// end::monitor[]
		assertThat(SeeStack.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(this.server.bodies("/ingest/v1/heartbeat")).singleElement()
			.satisfies((beat) -> assertThat(beat.get("status").asString()).isEqualTo("success"));
	}

	private static void chargeCustomers() {
		throw new IllegalStateException("card declined");
	}

	private static void generateReport() {
	}

	private record Request(String userId, String clientIp) {
	}

}
