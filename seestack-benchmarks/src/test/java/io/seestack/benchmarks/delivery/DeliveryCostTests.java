package io.seestack.benchmarks.delivery;

import java.util.Map;

import io.seestack.benchmarks.starter.LoopbackSink;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeliveryCost} measures what it says: every item captured while measuring is delivered within the
 * measurement, with each transport it offers. No timing is asserted.
 */
class DeliveryCostTests {

	@Test
	void everyItemCapturedWhileMeasuringIsSentThroughTheJdkClient() throws Exception {
		try (LoopbackSink sink = LoopbackSink.start()) {
			DeliveryCost.Result result = DeliveryCost.run("jdk", sink.url(), 1_000, 1, 1, 1_000);
			assertThat(result.items()).isBetween(900L, 1_000L);
			assertThat(result.sent()).isEqualTo(result.items());
			assertThat(result.dropped()).isZero();
			assertThat(sink.received("/ingest/v1/http-requests")).isGreaterThanOrEqualTo(result.items() / 100);
		}
	}

	@Test
	void everyItemCapturedWhileMeasuringIsSentThroughTheBlockingTransport() throws Exception {
		try (LoopbackSink sink = LoopbackSink.start()) {
			DeliveryCost.Result result = DeliveryCost.run("blocking", sink.url(), 1_000, 1, 1, 1_000);
			assertThat(result.sent()).isEqualTo(result.items()).isPositive();
			assertThat(sink.received("/ingest/v1/http-requests")).isGreaterThanOrEqualTo(result.items() / 100);
		}
	}

	@Test
	void theBaselineCapturesNothing() throws Exception {
		try (LoopbackSink sink = LoopbackSink.start()) {
			DeliveryCost.Result result = DeliveryCost.run("none", sink.url(), 1_000, 1, 0, 1_000);
			assertThat(result.items()).isPositive();
			assertThat(result.sent()).isZero();
			assertThat(sink.received("/ingest/v1/http-requests")).isZero();
		}
	}

	@Test
	void theTotalWithoutTheJitLeavesOutOnlyTheCompilerThreads() {
		DeliveryCost.Result result = new DeliveryCost.Result(100, 100, 0,
				Map.of("main", 1.0, "seestack-delive", 0.5, "CN CompilerThre", 4.0, "GC Thread#N", 0.25));
		assertThat(result.microsPerItemWithoutJit()).isEqualTo(1.75);
	}

}
