package io.seestack.benchmarks.starter;

import java.time.Duration;

import io.seestack.Feature;
import io.seestack.SeeStackClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request path benchmark runs the starter's real beans: each call gets its status and is captured as an HTTP
 * request item of the authenticated user, which SeeStack answers itself. Not a timing test.
 */
class RequestPathBenchmarkTests {

	@Test
	void theStarterPathCapturesEveryRequestAndTheBaselineDoesNot() throws Exception {
		RequestPathBenchmark benchmark = new RequestPathBenchmark();
		benchmark.start();
		try {
			SeeStackClient client = benchmark.app().getBean(SeeStackClient.class);
			assertThat(benchmark.baseline()).isEqualTo(200);
			assertThat(client.bufferedCount(Feature.HTTP_REQUESTS)).isZero();

			for (int i = 0; i < 3; i++) {
				assertThat(benchmark.starter()).isEqualTo(200);
			}

			assertThat(client.bufferedCount(Feature.HTTP_REQUESTS)).isEqualTo(3);
			assertThat(client.currentScope()).as("no scope left on the benchmark thread").isEmpty();
			// Answered in memory: no sink listens here, so a real send would be retried and then dropped.
			assertThat(client.flush(Duration.ofSeconds(5))).isTrue();
			assertThat(client.status().features().get(Feature.HTTP_REQUESTS).sent()).isEqualTo(3);
		}
		finally {
			benchmark.stop();
		}
	}

}
