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
		StarterBenchmark benchmark = new StarterBenchmark();
		benchmark.seestack = "on";
		benchmark.via = "mockmvc";
		benchmark.start();
		try {
			StarterBenchmark.Caller caller = new StarterBenchmark.Caller();
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
		}
		finally {
			benchmark.stop();
		}
	}

	@Test
	void starterOffThroughHttpSendsNothing() throws Exception {
		StarterBenchmark benchmark = new StarterBenchmark();
		benchmark.seestack = "off";
		benchmark.via = "http";
		benchmark.start();
		try {
			StarterBenchmark.Caller caller = new StarterBenchmark.Caller();
			assertThat(benchmark.authenticated(caller)).isEqualTo(200);
			assertThat(benchmark.unhandled(caller)).isEqualTo(500);
			assertThat(benchmark.handled(caller)).isEqualTo(503);
			assertThat(benchmark.app().getBeansOfType(SeeStackClient.class)).isEmpty();
			LoopbackSink sink = benchmark.loopbackSink();
			assertThat(sink.received("/ingest/v1/errors") + sink.received("/ingest/v1/http-requests")).isZero();
		}
		finally {
			benchmark.stop();
		}
	}

	@Test
	void discardingTransportBuildsAndCountsEveryPayloadButSendsNone() throws Exception {
		StarterBenchmark benchmark = new StarterBenchmark();
		benchmark.seestack = "on";
		benchmark.properties = "bench.transport=discard";
		benchmark.start();
		try {
			StarterBenchmark.Caller caller = new StarterBenchmark.Caller();
			assertThat(benchmark.authenticated(caller)).isEqualTo(200);
			assertThat(benchmark.handled(caller)).isEqualTo(503);
			SeeStackClient client = benchmark.app().getBean(SeeStackClient.class);
			assertThat(client.flush(FLUSH)).isTrue();
			assertThat(client.status().features().get(Feature.HTTP_REQUESTS).sent()).isEqualTo(2);
			assertThat(client.status().features().get(Feature.ERRORS).sent()).isEqualTo(1);
			LoopbackSink sink = benchmark.loopbackSink();
			assertThat(sink.received("/ingest/v1/errors") + sink.received("/ingest/v1/http-requests")).isZero();
		}
		finally {
			benchmark.stop();
		}
	}

	@Test
	void blockingTransportDeliversEveryPayloadFromTheDeliveryThread() throws Exception {
		Set<Thread> sendersBefore = senderThreads();
		StarterBenchmark benchmark = new StarterBenchmark();
		benchmark.seestack = "on";
		benchmark.properties = "bench.transport=blocking";
		benchmark.start();
		try {
			StarterBenchmark.Caller caller = new StarterBenchmark.Caller();
			assertThat(benchmark.authenticated(caller)).isEqualTo(200);
			assertThat(benchmark.handled(caller)).isEqualTo(503);
			assertThat(benchmark.app().getBean(SeeStackClient.class).flush(FLUSH)).isTrue();
			LoopbackSink sink = benchmark.loopbackSink();
			assertThat(sink.received("/ingest/v1/errors")).isEqualTo(1);
			assertThat(sink.received("/ingest/v1/http-requests")).isEqualTo(1);
			assertThat(senderThreads()).as("the default transport's sender threads").isSubsetOf(sendersBefore);
		}
		finally {
			benchmark.stop();
		}
	}

	private static Set<Thread> senderThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().startsWith("seestack-sender-"))
			.collect(Collectors.toSet());
	}

}
