package io.seestack.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.seestack.Feature;
import io.seestack.Level;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import io.seestack.benchmarks.delivery.DiscardingTransport;
import io.seestack.internal.payload.CapturedError;
import io.seestack.internal.payload.JsonCodec;
import io.seestack.internal.payload.PayloadFactory;
import io.seestack.internal.payload.Suppressed;
import io.seestack.internal.payload.ThrowableCopy;
import io.seestack.transport.Transport;
import io.seestack.transport.TransportResponse;
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
import org.jspecify.annotations.Nullable;

/**
 * The whole path of an error with a request's stack (~{@value #DEPTH} frames above the throw, as under Tomcat,
 * Spring Security and Spring MVC), part by part; run it with {@code -prof gc} for the bytes allocated per error:
 * <ul>
 * <li>{@code newException}: creating the exception alone, to subtract from the others;</li>
 * <li>{@code capture}: {@code captureError} on the caller's thread, kept;</li>
 * <li>{@code droppedByLimit}, {@code droppedBufferFull}: {@code captureError} on the caller's thread, dropped,
 * because the rate limit holds back a repeat, or because the error buffer is full;</li>
 * <li>{@code body}: the delivery thread's work before the network: reading the frames and writing the body;</li>
 * <li>{@code delivered}: capture, then flush to a loopback HTTP server answering 202, one error at a time: the
 * whole way, every thread's work included.</li>
 * </ul>
 * {@code capture} keeps its buffer from filling by flushing it once half full: one call in thousands, which only
 * the far tail of its samples sees.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ErrorPathBenchmark {

	static final int DEPTH = 100;

	private static final int BUFFER = 4_000;

	private static final User USER = User.builder().id("usr_42").email("ada@example.com").username("ada").build();

	private static final Map<String, Object> METADATA = Map.of("orderId", "ORD-5512", "amount", 99.9);

	private static final Transport NEVER_ANSWERS = (request) -> new CompletableFuture<TransportResponse>();

	private SeeStackClient kept;

	private SeeStackClient limited;

	private SeeStackClient full;

	private SeeStackClient delivering;

	private HttpServer server;

	private final PayloadFactory payloads = new PayloadFactory(SeeStackOptions.builder().apiKey("benchmark")
		.environment("production").release("1.4.2").serviceName("checkout").build(), new JsonCodec());

	@Setup
	public void start() throws IOException, InterruptedException {
		this.kept = SeeStackClient.create(options().transport(new DiscardingTransport()).bufferSize(BUFFER)
			.memoryLimit(256L << 20).identicalErrorsPerSecond(0).build());
		this.limited = SeeStackClient.create(options().transport(new DiscardingTransport()).build());
		this.full = SeeStackClient.create(options().transport(NEVER_ANSWERS).bufferSize(1)
			.sendTimeout(Duration.ofDays(1)).identicalErrorsPerSecond(0).build());
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				body.transferTo(OutputStream.nullOutputStream());
			}
			exchange.sendResponseHeaders(202, -1);
			exchange.close();
		});
		this.server.setExecutor(Executors.newSingleThreadExecutor());
		this.server.start();
		this.delivering = SeeStackClient.create(options()
			.host("http://127.0.0.1:" + this.server.getAddress().getPort()).identicalErrorsPerSecond(0).build());
		for (SeeStackClient client : clients()) {
			client.setGlobalUser(USER);
		}
		// Fill the buffer that refuses: every send slot held by a send that is never answered, and one buffered.
		while (this.full.bufferedCount(Feature.ERRORS) == 0) {
			this.full.captureError(new IllegalStateException("payment failed"));
			Thread.sleep(50);
		}
	}

	private static SeeStackOptions.Builder options() {
		return SeeStackOptions.builder().apiKey("benchmark").environment("production").release("1.4.2")
			.serviceName("checkout").shutdownHook(false);
	}

	private SeeStackClient[] clients() {
		return new SeeStackClient[] { this.kept, this.limited, this.full, this.delivering };
	}

	@TearDown
	public void stop() {
		for (SeeStackClient client : clients()) {
			client.close();
		}
		this.server.stop(0);
	}

	@Benchmark
	public Object newException() {
		return atDepth(DEPTH, null);
	}

	@Benchmark
	public Object capture() {
		Object error = atDepth(DEPTH, this.kept);
		if (this.kept.bufferedCount(Feature.ERRORS) > BUFFER / 2) {
			this.kept.flush(Duration.ofSeconds(30));
		}
		return error;
	}

	@Benchmark
	public Object droppedByLimit() {
		return atDepth(DEPTH, this.limited);
	}

	@Benchmark
	public Object droppedBufferFull() {
		return atDepth(DEPTH, this.full);
	}

	@Benchmark
	public byte[] body() {
		Throwable error = (Throwable) atDepth(DEPTH, null);
		return this.payloads.errorBody(new CapturedError(ThrowableCopy.of(error), Level.ERROR, USER, "203.0.113.7",
				METADATA, "sess_1", "4bf92f3577b34da6a3ce929d0e0e4736", Map.of(), Instant.now(), Suppressed.NONE));
	}

	@Benchmark
	public boolean delivered() {
		atDepth(DEPTH, this.delivering);
		return this.delivering.flush(Duration.ofSeconds(30));
	}

	private static Object atDepth(int depth, @Nullable SeeStackClient client) {
		if (depth > 0) {
			return atDepth(depth - 1, client);
		}
		IllegalStateException error = new IllegalStateException("payment failed");
		if (client != null) {
			client.captureError(error);
		}
		return error;
	}

}
