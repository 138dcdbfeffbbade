package io.seestack.benchmarks.starter;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.seestack.HttpRequestEvent;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import io.seestack.benchmarks.delivery.DiscardingTransport;
import io.seestack.spring.autoconfigure.client.SeeStackClientHttpRequestInterceptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

/**
 * What the outbound interceptor adds to one {@code RestClient} or {@code RestTemplate} call on the calling thread,
 * in nanoseconds, as {@code intercepted - baseline}: the execution it wraps answers at once, with no network, so
 * the difference is SeeStack's work alone (reading the URL and the template, two clock reads, the item built and
 * handed to the delivery thread). The call is made in a scope with a user and a trace id, as in a request. The
 * items are answered in memory ({@link DiscardingTransport}), so the buffer never fills.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Thread)
public class OutboundCallBenchmark {

	private static final byte[] BODY = "{\"id\":42}".getBytes(StandardCharsets.UTF_8);

	/** Whether the interceptor adds a {@code traceparent} header ({@code propagate-trace}). */
	@Param({ "false", "true" })
	public boolean propagateTrace;

	private SeeStackClient client;

	private io.seestack.Scope scope;

	private SeeStackClientHttpRequestInterceptor interceptor;

	private final ClientHttpRequestExecution execution = (request, body) -> response();

	private final long startNanos = System.nanoTime();

	@Setup(Level.Trial)
	public void start() {
		this.client = SeeStackClient.create(SeeStackOptions.builder()
			.apiKey("benchmark")
			.host("http://127.0.0.1:9")
			.projectId("a1b2c3d4-e5f6-7890-abcd-ef1234567890")
			.transport(new DiscardingTransport())
			.build());
		this.interceptor = new SeeStackClientHttpRequestInterceptor(this.client, "http://127.0.0.1:9",
				this.propagateTrace);
		// A thread-scoped state is set up on its benchmark thread: the calls run in this scope.
		this.scope = this.client.openScope();
		this.scope.setUser(User.builder().id("ada").build());
		this.scope.setTraceId("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.scope.close();
		this.client.close();
	}

	@Benchmark
	public ClientHttpResponse baseline() throws IOException {
		return this.execution.execute(request(), BODY);
	}

	@Benchmark
	public ClientHttpResponse intercepted() throws IOException {
		return this.interceptor.intercept(request(), BODY, this.execution);
	}

	/**
	 * For reference: the core's part alone, an item like the interceptor's built and captured in the same scope, so
	 * that {@code intercepted - baseline - captureOnly} is what reading the call costs.
	 */
	@Benchmark
	public void captureOnly() {
		this.client.captureHttpRequest(HttpRequestEvent.builder()
			.direction(HttpRequestEvent.Direction.OUTBOUND)
			.method("POST")
			.host("users.internal")
			.path("/api/users/{id}")
			.statusCode(200)
			.duration(Duration.ofNanos(System.nanoTime() - this.startNanos))
			.requestSize(BODY.length)
			.responseSize(BODY.length)
			.timestamp(Instant.now())
			.build());
	}

	/** A new request per call, as each call has; a templated one, as {@code RestClient} makes. */
	private static MockClientHttpRequest request() {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.POST,
				URI.create("https://users.internal/api/users/42?expand=orders"));
		request.getAttributes().put("org.springframework.web.client.RestClient.uriTemplate", "/users/{id}?expand={x}");
		return request;
	}

	private static ClientHttpResponse response() {
		MockClientHttpResponse response = new MockClientHttpResponse(BODY, HttpStatus.OK);
		response.getHeaders().setContentLength(BODY.length);
		return response;
	}

}
