package io.seestack.spring.autoconfigure.scheduling;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Jobs that a real scheduler runs in the tests: each notes when every run of it began and how long its own body
 * took, so that the heartbeats' durations can be checked against them.
 */
final class ScheduledJobs {

	/** Runs on the monitor "report-job": sleeps, and returns. */
	static class Annotated {

		final Runs report = new Runs();

		final Runs ledger = new Runs();

		final Runs export = new Runs();

		final Runs unmonitored = new Runs();

		@Scheduled(fixedDelay = 100)
		@SeeStackMonitor("report-job")
		void report() throws InterruptedException {
			long start = this.report.begin();
			TimeUnit.MILLISECONDS.sleep(120);
			this.report.end(start);
		}

		@Scheduled(fixedDelay = 100)
		@SeeStackMonitor("${jobs.ledger.slug}")
		void ledger() {
			this.ledger.begin();
			throw new IllegalStateException("ledger out of balance");
		}

		@Scheduled(fixedDelay = 100)
		@SeeStackMonitor("export-job")
		void export() throws IOException {
			this.export.begin();
			throw new IOException("export disk full");
		}

		@Scheduled(fixedDelay = 100)
		void unmonitored() {
			this.unmonitored.begin();
		}

	}

	/** Cannot be annotated: named in seestack.scheduling.monitors. */
	static class Plain {

		final Runs cleanUp = new Runs();

		@Scheduled(fixedDelay = 100)
		void cleanUp() throws InterruptedException {
			long start = this.cleanUp.begin();
			TimeUnit.MILLISECONDS.sleep(60);
			this.cleanUp.end(start);
		}

	}

	/** The beginnings ({@link System#nanoTime()}) and own durations of a job's runs. */
	static final class Runs {

		final List<Long> starts = new CopyOnWriteArrayList<>();

		final List<Long> durations = new CopyOnWriteArrayList<>();

		long begin() {
			long start = System.nanoTime();
			this.starts.add(start);
			return start;
		}

		void end(long start) {
			this.durations.add(System.nanoTime() - start);
		}

		int count() {
			return this.starts.size();
		}

		/** The shortest time a run's body took, in whole milliseconds. */
		long shortestMillis() {
			return TimeUnit.NANOSECONDS.toMillis(this.durations.stream().mapToLong(Long::longValue).min().orElseThrow());
		}

		/** The longest time from the beginning of a run to the beginning of the next, in whole milliseconds. */
		long longestGapMillis() {
			long longest = 0;
			for (int i = 1; i < this.starts.size(); i++) {
				longest = Math.max(longest, this.starts.get(i) - this.starts.get(i - 1));
			}
			return TimeUnit.NANOSECONDS.toMillis(longest) + 1;
		}

	}

}
