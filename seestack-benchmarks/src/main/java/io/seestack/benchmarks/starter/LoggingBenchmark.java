package io.seestack.benchmarks.starter;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import io.seestack.spring.autoconfigure.logging.SeeStackLogbackAppender;
import io.seestack.spring.autoconfigure.logging.SeeStackLogbackAppender.LogsSettings;
import io.seestack.spring.autoconfigure.logging.SeeStackMdc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the starter's logging integration costs the thread that logs or serves a request: the MDC put and restore
 * of a request (with a scope and a user), and a warning through Logback with and without the SeeStack appender.
 * The backend is down (a closed loopback port), so nothing is delivered; the events are captured and buffered.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LoggingBenchmark {

	private SeeStackClient client;

	private SeeStackMdc mdc;

	private io.seestack.Scope scope;

	private LoggerContext logback;

	private Logger withAppender;

	private Logger withoutAppender;

	@Setup
	public void start() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.client = SeeStackClient.create(SeeStackOptions.builder().apiKey("benchmark")
			.host("http://127.0.0.1:" + closedPort)
			.build());
		this.mdc = new SeeStackMdc(this.client, "userId", "seestack.traceId", "seestack.sessionId");
		this.scope = this.client.openScope();
		this.scope.setUser(User.builder().id("usr_42").build());
		this.scope.setTraceId("4bf92f3577b34da6a3ce929d0e0e4736");
		this.logback = new LoggerContext();
		this.logback.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
		SeeStackLogbackAppender appender = new SeeStackLogbackAppender(
				new LogsSettings(Level.WARN, List.of(), List.of(), List.of(), "userId", "seestack.traceId"));
		appender.setContext(this.logback);
		appender.start();
		appender.bind(this.client);
		this.withAppender = this.logback.getLogger("com.example.WithAppender");
		this.withAppender.addAppender(appender);
		this.withAppender.setAdditive(false);
		this.withoutAppender = this.logback.getLogger("com.example.WithoutAppender");
		this.withoutAppender.setAdditive(false);
	}

	@TearDown
	public void stop() {
		this.scope.close();
		this.logback.stop();
		this.client.close();
	}

	/** The MDC filter's work for one request dispatch. */
	@Benchmark
	public void mdcPutAndRestore() {
		try (SeeStackMdc.Restore restore = this.mdc.put()) {
			// the request runs here
		}
	}

	/** A warning through Logback to no appender: the reference. */
	@Benchmark
	public void warnWithoutAppender() {
		this.withoutAppender.warn("Payment declined for order {}", "ORD-7");
	}

	/** The same warning through the SeeStack appender: captured with the scope's user, buffered. */
	@Benchmark
	public void warnWithSeeStackAppender() {
		this.withAppender.warn("Payment declined for order {}", "ORD-7");
	}

}
