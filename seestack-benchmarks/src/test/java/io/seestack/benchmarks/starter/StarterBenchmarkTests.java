package io.seestack.benchmarks.starter;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.seestack.Feature;
import io.seestack.SeeStackClient;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.userdetails.UserDetailsService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter benchmark measures what it says: each benchmark method gets the status it expects, and with the
 * starter on the sink receives the captured errors and HTTP request items (with it off, nothing). Not a timing
 * test.
 */
class StarterBenchmarkTests {

	private static final Duration FLUSH = Duration.ofSeconds(10);

	@Test
	void starterOnThroughMockMvcCapturesBothExceptionsAndEveryRequest() throws Exception {
		run("on", "mockmvc", "", (benchmark, caller) -> {
			for (int i = 0; i < 3; i++) {
				assertThat(benchmark.authenticated(caller)).isEqualTo(200);
			}
			assertThat(benchmark.unhandled(caller)).isInstanceOf(jakarta.servlet.ServletException.class);
			assertThat(benchmark.handled(caller)).isEqualTo(503);
			assertThat(benchmark.app().getBean(UserDetailsService.class).loadUserByUsername("ada").getPassword())
				.as("not upgraded to BCrypt, which would drown what is measured")
				.startsWith("{noop}");
			assertThat(benchmark.app().getBean(SeeStackClient.class).flush(FLUSH)).isTrue();
			LoopbackSink sink = benchmark.loopbackSink();
			assertThat(sink.received("/ingest/v1/errors")).isEqualTo(2);
			assertThat(sink.received("/ingest/v1/http-requests")).isEqualTo(1);
		});
	}

	@Test
	void starterOffThroughHttpSendsNothing() throws Exception {
		run("off", "http", "", (benchmark, caller) -> {
			assertThat(benchmark.authenticated(caller)).isEqualTo(200);
			assertThat(benchmark.unhandled(caller)).isEqualTo(500);
			assertThat(benchmark.handled(caller)).isEqualTo(503);
			// Off is the no-op client, so that what injects a client still starts.
			assertThat(benchmark.app().getBeansOfType(SeeStackClient.class).values())
				.containsExactly(SeeStackClient.noop());
			LoopbackSink sink = benchmark.loopbackSink();
			assertThat(sink.received("/ingest/v1/errors") + sink.received("/ingest/v1/http-requests")).isZero();
		});
	}

	@Test
	void discardingTransportBuildsAndCountsEveryPayloadButSendsNone() throws Exception {
		run("on", "mockmvc", "bench.transport=discard", (benchmark, caller) -> {
			assertThat(benchmark.authenticated(caller)).isEqualTo(200);
			assertThat(benchmark.handled(caller)).isEqualTo(503);
			SeeStackClient client = benchmark.app().getBean(SeeStackClient.class);
			assertThat(client.flush(FLUSH)).isTrue();
			assertThat(client.status().features().get(Feature.HTTP_REQUESTS).sent()).isEqualTo(2);
			assertThat(client.status().features().get(Feature.ERRORS).sent()).isEqualTo(1);
			LoopbackSink sink = benchmark.loopbackSink();
			assertThat(sink.received("/ingest/v1/errors") + sink.received("/ingest/v1/http-requests")).isZero();
		});
	}

	@Test
	void blockingTransportDeliversEveryPayloadFromTheDeliveryThread() throws Exception {
		Set<Thread> sendersBefore = senderThreads();
		run("on", "mockmvc", "bench.transport=blocking", (benchmark, caller) -> {
			assertThat(benchmark.authenticated(caller)).isEqualTo(200);
			assertThat(benchmark.handled(caller)).isEqualTo(503);
			assertThat(benchmark.app().getBean(SeeStackClient.class).flush(FLUSH)).isTrue();
			LoopbackSink sink = benchmark.loopbackSink();
			assertThat(sink.received("/ingest/v1/errors")).isEqualTo(1);
			assertThat(sink.received("/ingest/v1/http-requests")).isEqualTo(1);
			assertThat(senderThreads()).as("the default transport's sender threads").isSubsetOf(sendersBefore);
		});
	}

	/** Starts the benchmark as JMH would with these parameters, runs the check, and stops it. */
	private static void run(String seestack, String via, String properties, Check check) throws Exception {
		StarterBenchmark benchmark = new StarterBenchmark();
		benchmark.seestack = seestack;
		benchmark.via = via;
		benchmark.properties = properties;
		benchmark.start();
		try {
			check.accept(benchmark, new StarterBenchmark.Caller());
		}
		finally {
			benchmark.stop();
		}
	}

	@FunctionalInterface
	private interface Check {

		void accept(StarterBenchmark benchmark, StarterBenchmark.Caller caller) throws Exception;

	}

	private static Set<Thread> senderThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().startsWith("seestack-sender-"))
			.collect(Collectors.toSet());
	}

}
