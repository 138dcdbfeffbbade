package io.seestack.internal.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.failsafe.spi.Scheduler;

/**
 * Runs Failsafe's retries at once instead of after their backoff, and records each backoff it was asked for, so a
 * test can check the retry schedule without waiting 15 seconds.
 */
public final class RecordingScheduler implements Scheduler, AutoCloseable {

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

	private final List<Duration> delays = new CopyOnWriteArrayList<>();

	@Override
	public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
		if (delay > 0) {
			this.delays.add(Duration.ofNanos(unit.toNanos(delay)));
		}
		return this.executor.schedule(callable, 0, TimeUnit.NANOSECONDS);
	}

	/** The backoffs requested so far, in order. */
	public List<Duration> delays() {
		return List.copyOf(this.delays);
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
