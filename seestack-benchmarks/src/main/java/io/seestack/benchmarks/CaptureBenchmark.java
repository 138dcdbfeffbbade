package io.seestack.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.seestack.ErrorContext;
import io.seestack.Feature;
import io.seestack.HttpRequestEvent;
import io.seestack.Level;
import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import io.seestack.benchmarks.delivery.DiscardingTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What capture costs the calling thread. SeeStack answers its own sends ({@link DiscardingTransport}), and each
 * error benchmark flushes once its buffer is half full, so that every error measured is kept (a full error buffer
 * refuses new errors before building them, which {@link ErrorPathBenchmark} measures apart): one call in
 * thousands, which only the far tail of the samples sees. Sample-time mode, so JMH reports the median (p0.50) as
 * well as the tail.
 *
 * <p>{@code captureError} needs a new throwable per call (the same one is captured once), so
 * {@link #newExceptionOnly} measures creating it alone: the SDK's own cost is the difference.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class CaptureBenchmark {

	private static final User USER = User.builder().id("usr_42").email("ada@example.com").username("ada").build();

	private static final Map<String, Object> METADATA = Map.of("orderId", "ORD-5512", "amount", 99.9);

	/** Ten entries of the kinds applications pass: text, numbers, a flag, an enum, a time, a list, a map. */
	private static final Map<String, Object> TEN_ENTRIES = tenEntries();

	private static final int BUFFER = 4_000;

	/** Frames above the throw, as in a request handled by Tomcat, Spring Security and Spring MVC. */
	private static final int REQUEST_STACK_DEPTH = 120;

	private SeeStackClient client;

	@Setup
	public void start() {
		this.client = SeeStackClient.create(SeeStackOptions.builder().apiKey("benchmark")
			.transport(new DiscardingTransport()).projectId("a1b2c3d4-e5f6-7890-abcd-ef1234567890")
			.bufferSize(BUFFER).memoryLimit(256L << 20)
			// Every capture takes the whole path: with the default limit, most identical errors would stop early.
			.identicalErrorsPerSecond(0)
			.build());
		this.client.setUser(USER);
	}

	/** Keeps the error buffer from filling, so that every error measured is kept. */
	private void keepRoom() {
		if (this.client.bufferedCount(Feature.ERRORS) > BUFFER / 2) {
			this.client.flush(Duration.ofSeconds(30));
		}
	}

	@TearDown
	public void stop() {
		this.client.close();
	}

	@Benchmark
	public Object newExceptionOnly() {
		return new IllegalStateException("payment failed");
	}

	@Benchmark
	public void captureError() {
		this.client.captureError(new IllegalStateException("payment failed"));
		keepRoom();
	}

	@Benchmark
	public void captureErrorWithContext() {
		this.client.captureError(new IllegalStateException("payment failed"),
				ErrorContext.builder().level(Level.FATAL).metadata(METADATA).sessionId("sess_1").build());
		keepRoom();
	}

	@Benchmark
	public void captureErrorWithTenEntryMetadata() {
		this.client.captureError(new IllegalStateException("payment failed"),
				ErrorContext.builder().metadata(TEN_ENTRIES).build());
		keepRoom();
	}

	@Benchmark
	public Object newDeepExceptionOnly() {
		return atDepth(REQUEST_STACK_DEPTH, false);
	}

	@Benchmark
	public Object captureDeepErrorWithTenEntryMetadata() {
		return atDepth(REQUEST_STACK_DEPTH, true);
	}

	private Object atDepth(int depth, boolean capture) {
		if (depth > 0) {
			return atDepth(depth - 1, capture);
		}
		IllegalStateException error = new IllegalStateException("payment failed");
		if (capture) {
			this.client.captureError(error, ErrorContext.builder().metadata(TEN_ENTRIES).build());
			keepRoom();
		}
		return error;
	}

	private static Map<String, Object> tenEntries() {
		Map<String, Object> entries = new LinkedHashMap<>();
		entries.put("orderId", "ORD-5512");
		entries.put("amount", 99.9);
		entries.put("items", 3);
		entries.put("customerId", 4_211_337L);
		entries.put("express", true);
		entries.put("currency", "EUR");
		entries.put("unit", TimeUnit.SECONDS);
		entries.put("placedAt", Instant.parse("2026-11-30T10:15:30Z"));
		entries.put("skus", List.of("SKU-1", "SKU-2", "SKU-3"));
		entries.put("address", Map.of("city", "Lyon", "zip", "69001"));
		return Map.copyOf(entries);
	}

	@Benchmark
	public void captureLog() {
		this.client.captureLog(Level.INFO, "Payment retry attempt 3 of 5", METADATA);
	}

	@Benchmark
	public void captureLogInScope() {
		try (Scope scope = this.client.openScope()) {
			this.client.captureLog(Level.INFO, "Payment retry attempt 3 of 5", METADATA);
		}
	}

	@Benchmark
	public void captureHttpRequest() {
		this.client.captureHttpRequest(HttpRequestEvent.builder().method("GET").host("api.example.com")
			.path("/orders/42").statusCode(200).build());
	}

	@Benchmark
	public void openScopeAndClose(Blackhole blackhole) {
		try (Scope scope = this.client.openScope()) {
			blackhole.consume(scope);
		}
	}

	@Benchmark
	public void openScopeSetUserAndClose(Blackhole blackhole) {
		try (Scope scope = this.client.openScope()) {
			this.client.setUser(USER);
			blackhole.consume(scope);
		}
	}

}
