package io.seestack.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.failsafe.spi.Scheduler;
import io.seestack.DeliveryListener.DropReason;
import io.seestack.Feature;
import io.seestack.SeeStackOptions;
import io.seestack.SeeStackStatus;
import io.seestack.SeeStackStatus.FeatureStatus;
import io.seestack.internal.SdkLog;
import io.seestack.internal.payload.CapturedEvent;
import io.seestack.internal.payload.JsonCodec;
import io.seestack.transport.Transport;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;
import org.jspecify.annotations.Nullable;

/**
 * Moves captured events from the callers' threads to the ingest API. Callers only add to a bounded per-feature
 * buffer; one daemon thread takes batches out and has the {@link BatchSender} send them, at most
 * {@link #MAX_IN_FLIGHT} at a time (a batch being retried keeps its slot, so memory stays bounded when the backend
 * is down). The features take free slots in turn, so a storm of one (errors, say) cannot starve the others.
 * Errors and heartbeats go at once; logs on the flush timer, when their buffer reaches 80%, and on
 * {@link #flush(Duration)}; HTTP items in full batches of {@link #HTTP_BATCH_SIZE} (80% of a smaller buffer) as
 * soon as one is ready, and what is left on the timer and flush: each request costs the application far more CPU
 * than an item in it.
 *
 * <p>With a {@link Spool}, what cannot be delivered now is kept on disk. When a batch fails after its retries the
 * backend counts as down: the buffers go to the spool instead of the network, and one probe at a time (the oldest
 * spooled body, after 1, 2, 4 … 60 s or the backend's {@code Retry-After}) finds out when it answers again; then the
 * spool is sent, oldest first, one body at a time beside the live batches.
 */
public final class Dispatcher {

	static final int MAX_IN_FLIGHT = 4;

	static final int HTTP_BATCH_SIZE = 100;

	private static final Duration MAX_PROBE_DELAY = Duration.ofSeconds(60);

	private static final Duration MIN_PROBE_DELAY = Duration.ofMillis(100);

	private static final List<Feature> SHED_ORDER = List.of(Feature.LOGS, Feature.HTTP_REQUESTS, Feature.ERRORS,
			Feature.HEARTBEATS);

	private static final long FLUSH_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final SdkLog log = SdkLog.get(Dispatcher.class);

	private final Map<Feature, EventBuffer> buffers = new EnumMap<>(Feature.class);

	private final DeliveryCounts counts;

	private final BatchSender sender;

	private final ScheduledExecutorService executor;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Feature[] features = Feature.values();

	/** The warn-once key of each feature's full buffer, by ordinal: in an overload, every event is dropped here. */
	private final String[] bufferFullKeys = Arrays.stream(this.features)
		.map((feature) -> "full:" + feature)
		.toArray(String[]::new);

	/** Where the next drain starts its round over the features: each drain starts one further. */
	private int nextFeature;

	/** Whether the log buffer crossed its threshold and is being sent until it is empty. */
	private boolean drainingLogs;

	private final AtomicBoolean drainScheduled = new AtomicBoolean();

	/** {@link BatchSender#undelivered()} as the last flush reported it: the next flush reports only newer failures. */
	private final AtomicLong undeliveredReported = new AtomicLong();

	private final Object progress = new Object();

	/** Requests to send everything (timer, flush), counted. */
	private final AtomicLong sendAllRequested = new AtomicLong();

	/**
	 * Per feature, the last request to send everything that it answered, by sending until less than a batch was
	 * left. Read and written by the delivery thread only.
	 */
	private final long[] sendAllAnswered = new long[this.features.length];

	private volatile boolean stopped;

	private volatile @Nullable String disabledReason;

	private final @Nullable Spool spool;

	private final long memoryLimit;

	private volatile boolean backendDown;

	/** Probes that failed in a row, for the probe's backoff; guarded by {@code this}. */
	private int failedProbes;

	/** Whether a spooled body is being sent (a probe or a replay): one at a time keeps them in order. */
	private final AtomicBoolean spoolSending = new AtomicBoolean();

	/**
	 * @param retryScheduler runs retries after their backoff; tests pass one that records the delays
	 */
	public Dispatcher(SeeStackOptions options, Transport transport, JsonCodec json,
			@Nullable Scheduler retryScheduler) {
		this.counts = new DeliveryCounts(options.deliveryListener());
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "seestack-delivery");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.executor = executor;
		Scheduler scheduler = (retryScheduler != null) ? retryScheduler : Scheduler.of(executor);
		this.memoryLimit = options.memoryLimit();
		this.spool = (options.spool() != null) ? Spool.open(options.spool(), options.spoolMaxBytes(),
				options.spoolMaxAge(), this.counts::dropped, Clock.systemUTC()) : null;
		this.sender = new BatchSender(options, transport, json, this.counts, scheduler, executor,
				() -> this.stopped || this.disabledReason != null || this.backendDown,
				() -> this.disabledReason != null, this::disable, this.spool, new BatchSender.BackendState() {

					@Override
					public void answered() {
						backendAnswered();
					}

					@Override
					public void unreachable(@Nullable TransportResponse last, boolean fromSpool) {
						backendUnreachable(last, fromSpool);
					}

				});
		for (Feature feature : Feature.values()) {
			this.buffers.put(feature, new EventBuffer(options.bufferSize(), feature == Feature.ERRORS));
		}
		long interval = options.flushInterval().toMillis();
		executor.scheduleWithFixedDelay(() -> requestDrain(true), interval, interval, TimeUnit.MILLISECONDS);
		if (this.spool != null && this.spool.size() > 0) {
			requestDrain(false);
		}
	}

	/**
	 * Whether an event of the feature captured now would be kept: the SDK is running and, for errors, whose buffer
	 * keeps its oldest, there is room. Asked before an event is built, so that one that would be dropped costs its
	 * caller next to nothing; the caller counts it with {@link #dropped}.
	 */
	public boolean hasRoom(Feature feature) {
		return !this.stopped && this.disabledReason == null && this.buffers.get(feature).hasRoom();
	}

	/** Buffers the event and, when it is due, wakes the delivery thread. Never blocks, never throws. */
	public void enqueue(CapturedEvent event) {
		if (this.stopped || this.disabledReason != null) {
			return;
		}
		Feature feature = event.feature();
		EventBuffer buffer = this.buffers.get(feature);
		int size = buffer.add(event);
		if (size < 0) {
			dropped(feature, DropReason.BUFFER_FULL, 1);
		}
		if (heldBytes() > this.memoryLimit) {
			keepWithinMemoryLimit();
		}
		if (feature == Feature.ERRORS || feature == Feature.HEARTBEATS) {
			requestDrain(false);
		}
		else if (size == threshold(feature, buffer)) {
			// Only the events that cross a threshold wake the delivery thread: above it, a drain is already
			// running or waiting for an in-flight slot, and each completion drains again. Waking it on every
			// event above the threshold made request threads and the delivery thread hand off once per event.
			requestDrain(false);
		}
	}

	/** What all buffers hold, by weight. */
	private long heldBytes() {
		long bytes = 0;
		for (EventBuffer buffer : this.buffers.values()) {
			bytes += buffer.bytes();
		}
		return bytes;
	}

	/** Over the memory limit: the oldest logs go first, then HTTP items, errors and heartbeats; each drop counted. */
	private void keepWithinMemoryLimit() {
		for (Feature feature : SHED_ORDER) {
			EventBuffer buffer = this.buffers.get(feature);
			while (heldBytes() > this.memoryLimit && buffer.evictOldest()) {
				this.counts.dropped(feature, DropReason.BUFFER_FULL, 1);
				this.log.warnOnce("memory-limit", () -> "SeeStack holds " + this.memoryLimit / 1024 + " KB of events "
						+ "at most: dropping the oldest logs first, then HTTP items, errors and heartbeats, until the "
						+ "backend catches up");
			}
		}
	}

	/** A full buffer, once per feature; an error buffer refuses the newest. */
	private void warnBufferFull(Feature feature, EventBuffer buffer) {
		this.log.warnOnce(this.bufferFullKeys[feature.ordinal()], () -> "SeeStack " + feature + " buffer is full ("
				+ buffer.capacity() + " events): dropping the " + ((feature == Feature.ERRORS) ? "newest" : "oldest")
				+ " until the backend catches up");
	}

	public int buffered(Feature feature) {
		return this.buffers.get(feature).size();
	}

	public @Nullable String disabledReason() {
		return this.disabledReason;
	}

	/** What the spool holds, or {@code null} without one. */
	public SeeStackStatus.@Nullable SpoolStatus spoolStatus() {
		Spool spool = this.spool;
		return (spool != null) ? new SeeStackStatus.SpoolStatus(spool.directory().toString(), spool.size(),
				spool.bytes(), this.backendDown) : null;
	}

	/** Counters and buffer fill per feature. */
	public Map<Feature, FeatureStatus> status() {
		Map<Feature, FeatureStatus> status = new EnumMap<>(Feature.class);
		for (Feature feature : Feature.values()) {
			EventBuffer buffer = this.buffers.get(feature);
			status.put(feature, this.counts.status(feature, buffer.size(), buffer.capacity()));
		}
		return status;
	}

	/**
	 * Sends everything buffered and waits until it is delivered, fails for good, or the timeout passes. A zero
	 * timeout only starts the sending.
	 * @return whether everything captured since the previous flush was delivered
	 */
	public boolean flush(Duration timeout) {
		requestDrain(true);
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.progress) {
			while (!isIdle()) {
				if (this.inFlight.get() < MAX_IN_FLIGHT && !allBuffersEmpty()) {
					// Events captured after the drain this flush requested (a request's item, recorded just
					// after its response went out) belong to the flush too. With every slot taken there is
					// nothing to start: each completion drains again.
					requestDrain(true);
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || this.stopped && this.executor.isShutdown()) {
					return false;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.progress, Math.min(remaining, FLUSH_RECHECK_NANOS));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		long failures = this.sender.undelivered();
		return this.undeliveredReported.getAndSet(failures) == failures && this.disabledReason == null;
	}

	/** Flushes within the deadline, then stops; what is still unsent is dropped and counted. */
	public void shutdown(Duration deadline) {
		if (this.stopped) {
			return;
		}
		boolean delivered = flush(deadline);
		this.stopped = true;
		// The delivery thread may be writing to the spool: let it finish rather than interrupt it mid-write.
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor.shutdownNow();
		int abandoned = 0;
		for (Feature feature : Feature.values()) {
			abandoned += keepOrDrop(feature, this.buffers.get(feature).poll(Integer.MAX_VALUE));
		}
		abandoned += this.sender.abandonPending();
		String kept = (this.spool != null) ? "; the spool " + this.spool.directory() + " keeps them for the next start"
				: "";
		if (abandoned > 0) {
			this.log.warn("SeeStack shut down before everything was delivered: " + abandoned
					+ " batches or events were unsent after the " + deadline.toSeconds() + " s deadline" + kept);
		}
		else if (!delivered) {
			this.log.warn("SeeStack shut down after deliveries that failed"
					+ ((this.spool != null) ? kept : " (counted as dropped)"));
		}
		if (this.spool != null) {
			this.spool.close();
		}
		signalProgress();
	}

	/** Stops sending for the rest of the process, keeping the first reason; drops what is buffered. */
	void disable(String reason) {
		synchronized (this) {
			if (this.disabledReason != null) {
				return;
			}
			this.disabledReason = reason;
		}
		this.log.warn("SeeStack is disabled for the rest of this process: " + reason);
		for (Feature feature : Feature.values()) {
			int count = this.buffers.get(feature).clear();
			if (count > 0) {
				dropped(feature, DropReason.DISABLED, count);
			}
		}
		this.counts.disabled(reason);
		signalProgress();
	}

	/** Logs: 80% of the buffer; HTTP items: a full batch, smaller than 100 only for a small buffer. */
	private static int threshold(Feature feature, EventBuffer buffer) {
		int atEightyPercent = atEightyPercent(buffer);
		return (feature == Feature.HTTP_REQUESTS) ? Math.min(HTTP_BATCH_SIZE, atEightyPercent) : atEightyPercent;
	}

	private static int atEightyPercent(EventBuffer buffer) {
		return Math.max(1, (buffer.capacity() * 4) / 5);
	}

	/**
	 * Buffers first, then in-flight: drain() takes its slot before it polls, so an event is always seen in one of
	 * the two when read in this order.
	 */
	private boolean isIdle() {
		return allBuffersEmpty() && this.inFlight.get() == 0;
	}

	private void requestDrain(boolean everything) {
		if (everything) {
			this.sendAllRequested.incrementAndGet();
		}
		if (this.drainScheduled.compareAndSet(false, true)) {
			try {
				this.executor.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				this.drainScheduled.set(false);
			}
		}
	}

	/** Runs on the delivery thread only, so the drain state needs no locking. */
	private void drain() {
		this.drainScheduled.set(false);
		try {
			if (this.backendDown) {
				divertToSpool();
				return;
			}
			long allRequest = this.sendAllRequested.get();
			int first = this.nextFeature;
			this.nextFeature = (first + 1) % this.features.length;
			boolean sent = true;
			// Rounds of at most one batch per feature, so that the features share the free slots.
			while (sent && this.disabledReason == null && this.inFlight.get() < MAX_IN_FLIGHT) {
				sent = false;
				for (int i = 0; i < this.features.length && this.inFlight.get() < MAX_IN_FLIGHT; i++) {
					int index = (first + i) % this.features.length;
					Feature feature = this.features[index];
					boolean all = this.sendAllAnswered[index] < allRequest;
					if (!isDue(feature, all)) {
						if (all && this.buffers.get(feature).size() == 0) {
							this.sendAllAnswered[index] = allRequest;
						}
						continue;
					}
					int polled = sendNext(feature);
					if (polled < batchSize(feature)) {
						this.sendAllAnswered[index] = allRequest;
					}
					sent |= polled > 0;
				}
			}
			sendSpooled(false);
		}
		catch (RuntimeException ex) {
			this.log.warn("SeeStack delivery failed unexpectedly; continuing", ex);
		}
		finally {
			signalProgress();
		}
	}

	private boolean isDue(Feature feature, boolean all) {
		EventBuffer buffer = this.buffers.get(feature);
		int size = buffer.size();
		if (size == 0) {
			if (feature == Feature.LOGS) {
				this.drainingLogs = false;
			}
			return false;
		}
		return switch (feature) {
			case ERRORS, HEARTBEATS -> true;
			case LOGS -> {
				this.drainingLogs |= size >= threshold(feature, buffer);
				yield all || this.drainingLogs;
			}
			case HTTP_REQUESTS -> all || size >= threshold(feature, buffer);
		};
	}

	private static int batchSize(Feature feature) {
		return (feature == Feature.HTTP_REQUESTS) ? HTTP_BATCH_SIZE : 1;
	}

	/** Takes a slot and sends the feature's next batch; returns how many events it held (0: slot given back). */
	private int sendNext(Feature feature) {
		// The slot is taken before polling, so flush() never sees an event that is neither buffered nor in flight.
		this.inFlight.incrementAndGet();
		List<CapturedEvent> batch = this.buffers.get(feature).poll(batchSize(feature));
		if (batch.isEmpty()) {
			release();
			return 0;
		}
		this.sender.send(feature, batch, this::sendEnded);
		return batch.size();
	}

	private void release() {
		this.inFlight.decrementAndGet();
	}

	private boolean allBuffersEmpty() {
		return this.buffers.values().stream().allMatch((buffer) -> buffer.size() == 0);
	}

	/** The send of a batch ended: its slot is free, and what is buffered can go. */
	private void sendEnded() {
		release();
		signalProgress();
		if (!allBuffersEmpty()) {
			requestDrain(false);
		}
	}

	/** The backend is down: what is buffered goes to the spool, not to the network, until a probe gets through. */
	private void divertToSpool() {
		for (Feature feature : this.features) {
			EventBuffer buffer = this.buffers.get(feature);
			while (buffer.size() > 0) {
				// In flight while it is written, so that a flush (and so a shutdown) waits for it.
				this.inFlight.incrementAndGet();
				try {
					keepOrDrop(feature, buffer.poll(batchSize(feature)));
				}
				finally {
					release();
				}
			}
		}
	}

	/**
	 * Keeps events in the spool, in batches as they would have been sent, or drops them, counted.
	 * @return how many batches or events there were
	 */
	private int keepOrDrop(Feature feature, List<CapturedEvent> events) {
		int batches = 0;
		for (int from = 0; from < events.size(); from += batchSize(feature)) {
			List<CapturedEvent> batch = events.subList(from, Math.min(events.size(), from + batchSize(feature)));
			batches++;
			boolean kept = false;
			try {
				kept = this.sender.keep(new TransportRequest(feature, this.sender.body(feature, batch), batch.size()));
			}
			catch (RuntimeException | StackOverflowError ex) {
				dropped(feature, DropReason.INVALID, batch.size());
				continue;
			}
			if (!kept) {
				dropped(feature, DropReason.DISABLED, batch.size());
			}
		}
		return batches;
	}

	/**
	 * Sends the oldest spooled body, one at a time: beside the live batches while the backend answers, or as the
	 * probe while it does not.
	 */
	private boolean sendSpooled(boolean probe) {
		if (this.spool == null || (this.backendDown && !probe) || this.spool.size() == 0
				|| this.inFlight.get() >= MAX_IN_FLIGHT || !this.spoolSending.compareAndSet(false, true)) {
			return false;
		}
		Spool.Entry oldest = this.spool.oldest();
		if (oldest == null) {
			this.spoolSending.set(false);
			return false;
		}
		this.inFlight.incrementAndGet();
		this.sender.sendSpooled(oldest, () -> {
			this.spoolSending.set(false);
			sendEnded();
			requestDrain(false);
		});
		return true;
	}

	private void backendAnswered() {
		synchronized (this) {
			this.failedProbes = 0;
			if (!this.backendDown) {
				return;
			}
			this.backendDown = false;
		}
		this.log.info("SeeStack's backend answers again; sending the " + this.spool.size()
				+ " spooled bodies, oldest first");
		requestDrain(true);
	}

	private void backendUnreachable(@Nullable TransportResponse last, boolean fromSpool) {
		if (this.spool == null || this.stopped) {
			return;
		}
		Duration retryAfter = (last != null) ? RetryRules.parseRetryAfter(last.retryAfter()) : null;
		long delayMillis;
		synchronized (this) {
			if (this.backendDown && !fromSpool) {
				return;
			}
			if (!this.backendDown) {
				this.backendDown = true;
				this.log.warn("SeeStack's backend does not answer; events are kept in the spool "
						+ this.spool.directory() + " and sent when it answers again");
			}
			else {
				this.failedProbes++;
			}
			long backoff = Math.min(MAX_PROBE_DELAY.toMillis(), 1_000L << Math.min(this.failedProbes, 6));
			// Retry-After is honoured, never undercut: "Retry-After: 0" must not turn probing into a tight loop.
			delayMillis = (retryAfter != null) ? Math.max(retryAfter.toMillis(), backoff) : backoff;
		}
		scheduleProbe(delayMillis);
	}

	private void scheduleProbe(long delayMillis) {
		try {
			this.executor.schedule(this::probe, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException shutDown) {
			// Stopping: the spool keeps what it holds.
		}
	}

	/** One spooled body, sent to learn whether the backend answers; with none left, the backend is tried live. */
	private void probe() {
		if (!this.backendDown || this.stopped) {
			return;
		}
		if (this.spool.size() == 0) {
			backendAnswered();
			return;
		}
		if (!sendSpooled(true)) {
			// The previous probe's send has not quite ended (its failure schedules this one first), or every slot
			// is taken: try again shortly, or the backend would stay down for good.
			scheduleProbe(MIN_PROBE_DELAY.toMillis());
		}
	}

	/** Counts events dropped, here or before they reached a buffer, and tells the listener. */
	public void dropped(Feature feature, DropReason reason, int count) {
		this.counts.dropped(feature, reason, count);
		if (reason == DropReason.BUFFER_FULL) {
			warnBufferFull(feature, this.buffers.get(feature));
		}
	}

	private void signalProgress() {
		synchronized (this.progress) {
			this.progress.notifyAll();
		}
	}

}
