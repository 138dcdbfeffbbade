package io.seestack;

import java.io.File;
import java.io.IOException;
import java.lang.Thread.UncaughtExceptionHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's ties to the JVM: what ends a thread is captured and handed on; a client nobody closed still flushes. */
class ProcessHooksTests {

	private UncaughtExceptionHandler original;

	@BeforeEach
	void rememberTheDefaultHandler() {
		this.original = Thread.getDefaultUncaughtExceptionHandler();
	}

	@AfterEach
	void restoreTheDefaultHandler() {
		Thread.setDefaultUncaughtExceptionHandler(this.original);
	}

	@Test
	void anExceptionThatEndsAThreadIsCapturedWithItsUserThenHandedToThePreviousHandler() throws Exception {
		List<String> handedOn = new CopyOnWriteArrayList<>();
		UncaughtExceptionHandler previous = (thread, error) -> handedOn.add(thread.getName() + ": " + error.getMessage());
		Thread.setDefaultUncaughtExceptionHandler(previous);
		RecordingTransport transport = new RecordingTransport();
		try (SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey("k").transport(transport)
			.build())) {
			// A thread that opens its scope for its whole life: the scope is still open when the thread dies (one
			// closed by try-with-resources is not, as the exception leaves it before the handler runs).
			Thread worker = new Thread(() -> {
				client.openScope().setUser(User.builder().id("ada").build());
				throw new IllegalStateException("worker died");
			}, "report-worker");
			worker.start();
			worker.join();
			client.flush(Duration.ofSeconds(5));

			assertThat(handedOn).containsExactly("report-worker: worker died");
			JsonNode error = transport.bodies(Feature.ERRORS).get(0);
			assertThat(error.get("message").asString()).isEqualTo("worker died");
			assertThat(error.get("level").asString()).isEqualTo("fatal");
			assertThat(error.get("user").get("id").asString()).isEqualTo("ada");
			assertThat(error.get("metadata").get("seestack.uncaughtInThread").asString()).isEqualTo("report-worker");
		}
		assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(previous);
	}

	@Test
	void capturesNothingAndChangesNoHandlerWhenTurnedOff() throws Exception {
		List<String> handedOn = new CopyOnWriteArrayList<>();
		UncaughtExceptionHandler previous = (thread, error) -> handedOn.add(error.getMessage());
		Thread.setDefaultUncaughtExceptionHandler(previous);
		RecordingTransport transport = new RecordingTransport();
		try (SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey("k").transport(transport)
			.captureUncaughtExceptions(false)
			.build())) {
			assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(previous);
			Thread worker = new Thread(() -> {
				throw new IllegalStateException("not ours to capture");
			});
			worker.start();
			worker.join();
			client.flush(Duration.ofSeconds(5));

			assertThat(handedOn).containsExactly("not ours to capture");
			assertThat(transport.bodies(Feature.ERRORS)).isEmpty();
		}
	}

	@Test
	void aClientThatNobodyClosedFlushesWhenTheJvmExits() throws Exception {
		try (IngestServer server = IngestServer.start()) {
			assertThat(runTool(server, true)).isZero();
			assertThat(server.count("/ingest/v1/errors")).isOne();
			assertThat(server.bodies("/ingest/v1/errors").get(0).get("message").asString())
				.isEqualTo("the last error of a batch job");

			server.reset();
			assertThat(runTool(server, false)).isZero();
			assertThat(server.count("/ingest/v1/errors")).as("without the hook, the error is lost").isZero();
		}
	}

	private static int runTool(IngestServer server, boolean shutdownHook) throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process tool = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				ShutdownHookMain.class.getName(), server.url(), IngestServer.API_KEY, String.valueOf(shutdownHook))
			.redirectErrorStream(true)
			.redirectOutput(new File(System.getProperty("java.io.tmpdir"), "seestack-shutdown-hook-tool.log"))
			.start();
		assertThat(tool.waitFor(60, TimeUnit.SECONDS)).as("the tool exits").isTrue();
		return tool.exitValue();
	}

}
