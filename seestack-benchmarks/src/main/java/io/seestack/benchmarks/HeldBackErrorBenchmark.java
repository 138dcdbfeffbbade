package io.seestack.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.benchmarks.delivery.DiscardingTransport;
import io.seestack.spring.autoconfigure.metrics.SeeStackMeterDeliveryListener;
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
 * What an error storm costs the calling thread once the rate limit holds the errors back: nearly every call is
 * counted as dropped ({@code RATE_LIMITED}) and told to the starter's Micrometer listener, as in an application with
 * Actuator. {@code newExceptionOnly} in {@link CaptureBenchmark} is the part that is the exception's own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HeldBackErrorBenchmark {

	private SeeStackClient client;

	@Setup
	public void start() {
		this.client = SeeStackClient.create(SeeStackOptions.builder()
			.apiKey("benchmark")
			.transport(new DiscardingTransport())
			.identicalErrorsPerSecond(1)
			.deliveryListener(new SeeStackMeterDeliveryListener(new SimpleMeterRegistry()))
			.build());
	}

	@TearDown
	public void stop() {
		this.client.close();
	}

	@Benchmark
	public void captureHeldBackError() {
		this.client.captureError(new IllegalStateException("inventory service down"));
	}

}
