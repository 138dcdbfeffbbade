package io.seestack.spring.autoconfigure.signin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts failed sign-ins per key (a client IP, a login) over a sliding window, in bounded memory: each key keeps the
 * times of its last {@code threshold} failures only, and at most {@code maxKeys} keys are kept, the least recently
 * failed forgotten first. A key is over the threshold while its last {@code threshold} failures all fall within the
 * window; it is alerted once when it goes over, then at most once per window while it stays over.
 */
final class FailureWindows {

	/** How many keys of one kind are kept: a distributed attack from more addresses evicts the oldest. */
	static final int MAX_KEYS = 10_000;

	private final int threshold;

	private final long windowNanos;

	private final LongSupplier nanoClock;

	private final Map<String, Window> windows;

	FailureWindows(int threshold, Duration window, int maxKeys, LongSupplier nanoClock) {
		this.threshold = Math.max(1, threshold);
		this.windowNanos = window.toNanos();
		this.nanoClock = nanoClock;
		this.windows = new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
				return size() > maxKeys;
			}

		};
	}

	/**
	 * Records a failure of the key now.
	 * @param key the client IP or login
	 * @return what the failure means for the key
	 */
	synchronized Verdict record(String key) {
		long now = this.nanoClock.getAsLong();
		Window window = this.windows.computeIfAbsent(key, (k) -> new Window(this.threshold));
		window.add(now);
		boolean over = window.full() && now - window.oldest() <= this.windowNanos;
		if (!over) {
			return Verdict.UNDER;
		}
		if (window.alerted && now - window.lastAlert < this.windowNanos) {
			return Verdict.OVER;
		}
		window.alerted = true;
		window.lastAlert = now;
		return Verdict.ALERT;
	}

	/** How many keys are kept now. */
	synchronized int size() {
		return this.windows.size();
	}

	/** What one failure means for its key. */
	enum Verdict {

		/** Under the threshold: report the failure itself. */
		UNDER,

		/** Over it, and alerted within the window already: report nothing. */
		OVER,

		/** Over it, and not alerted within the window: report one possible brute force. */
		ALERT

	}

	/** The times of a key's last failures, as a ring. */
	private static final class Window {

		private final long[] times;

		private int next;

		private int count;

		private boolean alerted;

		private long lastAlert;


		Window(int threshold) {
			this.times = new long[threshold];
		}

		void add(long time) {
			this.times[this.next] = time;
			this.next = (this.next + 1) % this.times.length;
			this.count = Math.min(this.count + 1, this.times.length);
		}

		boolean full() {
			return this.count == this.times.length;
		}

		/** The oldest of the times kept: the next to be overwritten once full. */
		long oldest() {
			return this.times[this.next];
		}

	}

}
