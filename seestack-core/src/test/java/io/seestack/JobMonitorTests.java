package io.seestack;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link SeeStackClient#monitor}: the job runs as it would without it, and its heartbeat reaches a loopback ingest
 * server with the job's real duration and outcome.
 */
class JobMonitorTests {

	private static final String HEARTBEAT = "/ingest/v1/heartbeat";

	private IngestServer server;

	private SeeStackClient client;

	@BeforeEach
	void start() {
		this.server = IngestServer.start();
		this.client = SeeStackClient
			.create(SeeStackOptions.builder().apiKey(IngestServer.API_KEY).host(this.server.url()).build());
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.close();
	}

	@Test
	void aJobThatReturnsSendsSuccessWithADurationWithinItsRealOne() throws Exception {
		AtomicLong inside = new AtomicLong();
		long before = System.nanoTime();
		String result = this.client.monitor("nightly-report", () -> {
			long start = System.nanoTime();
			TimeUnit.MILLISECONDS.sleep(120);
			inside.set(System.nanoTime() - start);
			return "done";
		});
		long outside = System.nanoTime() - before;
		assertThat(result).isEqualTo("done");
		JsonNode beat = heartbeats().get(0);
		assertThat(beat.get("slug").asString()).isEqualTo("nightly-report");
		assertThat(beat.get("status").asString()).isEqualTo("success");
		assertThat(beat.has("message")).isFalse();
		assertThat(beat.get("durationMs").asLong()).isBetween(TimeUnit.NANOSECONDS.toMillis(inside.get()),
				TimeUnit.NANOSECONDS.toMillis(outside));
	}

	@Test
	void aJobThatThrowsSendsFailedWithItsMessageAndItsErrorWithTheSlugAndTheCallerGetsTheSameException() {
		IllegalStateException thrown = new IllegalStateException("Database connection refused");
		Throwable caught = catchThrowable(() -> this.client.monitor("payment-reconciliation", (Runnable) () -> {
			throw thrown;
		}));
		assertThat(caught).isSameAs(thrown);
		JsonNode beat = heartbeats().get(0);
		assertThat(beat.get("status").asString()).isEqualTo("failed");
		assertThat(beat.get("message").asString()).isEqualTo("Database connection refused");
		JsonNode error = this.server.bodies("/ingest/v1/errors").get(0);
		assertThat(error.get("message").asString()).isEqualTo("Database connection refused");
		assertThat(error.get("metadata").get(JobHandle.SLUG_METADATA_KEY).asString())
			.isEqualTo("payment-reconciliation");
		assertThat(error.has("user")).isFalse();
	}

	@Test
	void aCheckedExceptionIsRethrownAsItIsAndAMessagelessOneIsNamedByItsType() {
		IOException thrown = new IOException();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.client.monitor("export", () -> {
				throw thrown;
			}))
			.isSameAs(thrown);
		assertThat(heartbeats().get(0).get("message").asString()).isEqualTo("java.io.IOException");
	}

	@Test
	void overlappingRunsOfOneSlugAreReportedEachOnItsOwn() throws Exception {
		CyclicBarrier bothRunning = new CyclicBarrier(2);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> first = threads.submit(() -> this.client.monitor("overlapping", () -> await(bothRunning)));
			Future<?> second = threads.submit(() -> this.client.monitor("overlapping", (Runnable) () -> {
				await(bothRunning);
				throw new IllegalStateException("second run failed");
			}));
			first.get(10, TimeUnit.SECONDS);
			assertThat(catchThrowable(() -> second.get(10, TimeUnit.SECONDS))).hasRootCauseMessage("second run failed");
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(heartbeats()).extracting((beat) -> beat.get("status").asString())
			.containsExactlyInAnyOrder("success", "failed");
	}

	@Test
	void aDisabledClientRunsTheJobUnchangedAndSendsNothing() throws Exception {
		IllegalStateException thrown = new IllegalStateException("boom");
		assertThat(SeeStackClient.noop().monitor("nightly-report", () -> 42)).isEqualTo(42);
		assertThat(catchThrowable(() -> SeeStackClient.noop().monitor("nightly-report", (Runnable) () -> {
			throw thrown;
		}))).isSameAs(thrown);
		this.client.close();
		assertThat(this.client.monitor("nightly-report", () -> 7)).isEqualTo(7);
		assertThat(this.server.count("/ingest/v1/")).isZero();
	}

	@Test
	void anInvalidSlugRunsTheJobAndSendsNoHeartbeat() throws Exception {
		assertThat(this.client.monitor("Nightly_Report", () -> "ran")).isEqualTo("ran");
		assertThat(this.client.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(this.server.count(HEARTBEAT)).isZero();
	}

	private List<JsonNode> heartbeats() {
		assertThat(this.client.flush(Duration.ofSeconds(5))).isTrue();
		return this.server.bodies(HEARTBEAT);
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
