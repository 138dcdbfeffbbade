package io.seestack.benchmarks.starter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.seestack.SeeStackClient;
import io.seestack.SeeStackStatus;
import io.seestack.spring.autoconfigure.web.SeeStackRequestFilter;
import jakarta.servlet.ServletException;
import org.jspecify.annotations.Nullable;
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

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Requests per second through the whole servlet stack of {@link BenchApplication} (Spring Security's filter chain
 * with HTTP Basic, every {@code Filter} bean, Spring MVC), with the starter on and off ({@code seestack}):
 * the starter's overhead is {@code 1 - thrpt(on) / thrpt(off)}.
 *
 * <ul>
 * <li>{@code via=mockmvc} (default): MockMvc built from the application's real {@code WebApplicationContext}, with
 * Spring Boot's own registration of every Filter bean (what {@code @AutoConfigureMockMvc} does): no sockets, no
 * HTTP parsing, no container error page, so the starter's share is as large as it gets.</li>
 * <li>{@code via=http}: the embedded Tomcat through the JDK {@code HttpClient} on loopback; client and server share
 * the CPU.</li>
 * </ul>
 * SeeStack sends to {@code sink} ({@code load/run.sh} starts nginx answering {@code 202 {}}), or, when it is empty,
 * to a {@link LoopbackSink} in this JVM. With the starter on, the trial ends by printing what the client sent and
 * dropped, to show that capture and HTTP monitoring really ran.
 *
 * <p>Each call rotates over {@link BenchApplication#USERS}. Run with {@code -t 2} as well as the default single
 * thread: with one benchmark thread the SDK's delivery thread has the second core to itself.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class StarterBenchmark {

	/** {@code on}: the starter as configured by {@link BenchApplication#DEFAULTS}; {@code off}: {@code seestack.enabled=false}. */
	@Param({ "on", "off" })
	public String seestack = "on";

	/** {@code mockmvc} or {@code http}. */
	@Param({ "mockmvc" })
	public String via = "mockmvc";

	/** The ingest sink's base URL; empty: a {@link LoopbackSink} in this JVM. */
	@Param({ "" })
	public String sink = "";

	/**
	 * More application properties, {@code name=value} separated by {@code ;}, to take the starter apart: for
	 * example {@code seestack.http.enabled=false} or {@code seestack.security.enabled=false}.
	 */
	@Param({ "" })
	public String properties = "";

	private @Nullable LoopbackSink loopbackSink;

	private @Nullable ConfigurableApplicationContext app;

	private @Nullable MockMvc mockMvc;

	private @Nullable HttpClient httpClient;

	private String baseUrl = "";

	@Setup(Level.Trial)
	public void start() throws Exception {
		boolean on = isOn();
		String host = this.sink;
		if (host.isEmpty()) {
			this.loopbackSink = LoopbackSink.start();
			host = this.loopbackSink.url();
		}
		else {
			checkSink(host);
		}
		this.app = BenchApplication.start(
				List.of("--server.port=0", "--seestack.host=" + host, "--seestack.enabled=" + on), this.properties);
		boolean filtered = !this.app.getBeansOfType(SeeStackRequestFilter.class).isEmpty();
		if (filtered != on) {
			throw new IllegalStateException("seestack=" + this.seestack + " but the request filter is "
					+ (filtered ? "present" : "absent"));
		}
		switch (this.via) {
			case "mockmvc" -> this.mockMvc = mockMvc((WebApplicationContext) this.app);
			case "http" -> {
				this.httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				this.baseUrl = "http://127.0.0.1:"
						+ ((WebServerApplicationContext) this.app).getWebServer().getPort();
			}
			default -> throw new IllegalArgumentException("via must be mockmvc or http, not " + this.via);
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		if (this.app != null) {
			if (isOn()) {
				SeeStackStatus status = this.app.getBean(SeeStackClient.class).status();
				System.out.println();
				System.out.println("SeeStack client at the end of the trial: " + status.mode() + " "
						+ status.target() + ", " + status.features());
				if (this.loopbackSink != null) {
					System.out.println("Sink: " + this.loopbackSink.received("/ingest/v1/http-requests")
							+ " HTTP batches");
				}
			}
			this.app.close();
		}
		if (this.loopbackSink != null) {
			this.loopbackSink.close();
		}
	}

	/** An authenticated {@code GET} of a small string: 200. */
	@Benchmark
	public int authenticated(Caller caller) throws Exception {
		return expect(call("/hello", caller), 200);
	}

	/** An exception nothing handles: a 500 (through MockMvc: the exception, as the container would receive it). */
	@Benchmark
	public Object unhandled(Caller caller) throws Exception {
		if (this.mockMvc != null) {
			try {
				this.mockMvc.perform(get("/boom").header(HttpHeaders.AUTHORIZATION, caller.next())).andReturn();
			}
			catch (ServletException ex) {
				return ex;
			}
			throw new IllegalStateException("GET /boom did not throw");
		}
		return expect(call("/boom", caller), 500);
	}

	/** An exception that the application's {@code @RestControllerAdvice} turns into a 503. */
	@Benchmark
	public int handled(Caller caller) throws Exception {
		return expect(call("/unavailable", caller), 503);
	}

	private int call(String path, Caller caller) throws Exception {
		if (this.mockMvc != null) {
			MvcResult result = this.mockMvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, caller.next()))
				.andReturn();
			return result.getResponse().getStatus();
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header(HttpHeaders.AUTHORIZATION, caller.next())
			.GET()
			.build();
		return this.httpClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** The application, between setup and teardown (for the tests). */
	@Nullable ConfigurableApplicationContext app() {
		return this.app;
	}

	/** The in-process sink, when no external one was given (for the tests). */
	@Nullable LoopbackSink loopbackSink() {
		return this.loopbackSink;
	}

	private boolean isOn() {
		return switch (this.seestack) {
			case "on" -> true;
			case "off" -> false;
			default -> throw new IllegalArgumentException("seestack must be on or off, not " + this.seestack);
		};
	}

	private static int expect(int status, int expected) {
		if (status != expected) {
			throw new IllegalStateException("HTTP " + status + ", expected " + expected);
		}
		return status;
	}

	/** MockMvc with every Filter bean registered as the servlet container would (Spring Boot's own customizer). */
	static MockMvc mockMvc(WebApplicationContext context) {
		DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(context);
		SpringBootMockMvcBuilderCustomizer customizer = new SpringBootMockMvcBuilderCustomizer(context);
		customizer.setPrint(MockMvcPrint.NONE);
		customizer.customize(builder);
		return builder.build();
	}

	/** Fails fast when the external sink does not answer 2xx. */
	private static void checkSink(String host) throws IOException, InterruptedException {
		HttpRequest probe = HttpRequest.newBuilder(URI.create(host + "/ingest/v1/logs"))
			.timeout(Duration.ofSeconds(5))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		int status = HttpClient.newHttpClient().send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
		if (status / 100 != 2) {
			throw new IllegalStateException("The sink " + host + " answered " + status + ", not 2xx");
		}
	}

	/** Each benchmark thread's rotation over the users. */
	@State(Scope.Thread)
	public static class Caller {

		private final List<String> authorizations = BenchApplication.USERS.stream()
			.map((user) -> "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + BenchApplication.password(user)).getBytes(StandardCharsets.UTF_8)))
			.toList();

		private int next;

		String next() {
			String authorization = this.authorizations.get(this.next);
			this.next = (this.next + 1) % this.authorizations.size();
			return authorization;
		}

	}

}
