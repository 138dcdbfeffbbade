package io.seestack.internal.delivery;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.spi.Scheduler;
import io.seestack.DeliveryListener.DropReason;
import io.seestack.Feature;
import io.seestack.SeeStackOptions;
import io.seestack.internal.SdkLog;
import io.seestack.internal.payload.CapturedError;
import io.seestack.internal.payload.CapturedEvent;
import io.seestack.internal.payload.CapturedHeartbeat;
import io.seestack.internal.payload.CapturedHttpRequest;
import io.seestack.internal.payload.CapturedLog;
import io.seestack.internal.payload.JsonCodec;
import io.seestack.internal.payload.PayloadFactory;
import io.seestack.transport.Transport;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;
import org.jspecify.annotations.Nullable;

/**
 * Sends one batch: turns its events into a body, hands it to the transport with the API's retry rules, and
 * settles the outcome (counted as sent or dropped, a 401 disabling the SDK). What could not be delivered now is
 * kept in the {@link Spool}, when there is one, and sent again from there, without retries of its own: the
 * {@link Dispatcher} decides what to send and when, and probes a backend that stopped answering.
 */
final class BatchSender {

	/** What the sends tell about the backend. */
	interface BackendState {

		/** A send was answered (delivered, or refused for good). */
		void answered();

		/**
		 * A send failed in a way worth trying again later (5xx, 429, timeout, network error).
		 * @param last the last answer, if any (its {@code Retry-After} is honoured)
		 * @param fromSpool whether it was a body sent again from the spool
		 */
		void unreachable(@Nullable TransportResponse last, boolean fromSpool);

	}

	private final SdkLog log = SdkLog.get(BatchSender.class);

	private final Transport transport;

	private final PayloadFactory payloads;

	private final JsonCodec json;

	private final DeliveryCounts counts;

	private final boolean debug;

	private final BooleanSupplier stopping;

	private final BooleanSupplier disabled;

	private final @Nullable Spool spool;

	private final BackendState backend;

	private final Consumer<String> disable;

	private final Map<Feature, FailsafeExecutor<TransportResponse>> retrying = new EnumMap<>(Feature.class);

	private final AtomicLong undelivered = new AtomicLong();

	private final Duration sendTimeout;

	/** Where each attempt's deadline waits: the delivery thread's own queue, so no other thread is woken. */
	private final ScheduledExecutorService deadlines;

	/** Sends of the buffers' batches that have not ended yet, so that a shutdown can keep them. */
	private final Set<TransportRequest> pending = ConcurrentHashMap.newKeySet();

	/**
	 * @param stopping whether retries must end: the SDK is stopping or disabled, or the backend is down
	 * @param disabled whether the SDK is disabled (a 401): failures are then dropped, never spooled
	 * @param disable disables the SDK for good, with the reason
	 * @param spool where undeliverable bodies are kept, if anywhere
	 * @param deadlines runs each attempt's deadline; it must remove a cancelled task at once
	 */
	BatchSender(SeeStackOptions options, Transport transport, JsonCodec json, DeliveryCounts counts,
			Scheduler scheduler, ScheduledExecutorService deadlines, BooleanSupplier stopping, BooleanSupplier disabled,
			Consumer<String> disable, @Nullable Spool spool, BackendState backend) {
		this.transport = transport;
		this.json = json;
		this.payloads = new PayloadFactory(options, json);
		this.counts = counts;
		this.debug = options.debug();
		this.stopping = stopping;
		this.disable = disable;
		this.disabled = disabled;
		this.spool = spool;
		this.backend = backend;
		this.sendTimeout = options.sendTimeout();
		this.deadlines = deadlines;
		for (Feature feature : Feature.values()) {
			this.retrying.put(feature, Failsafe
				.with(RetryRules.policy(stopping, () -> counts.retried(feature)))
				.with(scheduler));
		}
	}

	/** Batches that were not delivered (dropped after failing, or refused), since the start. */
	long undelivered() {
		return this.undelivered.get();
	}

	/** Sends the batch; {@code ended} runs once the send has ended, whatever its outcome, on whatever thread. */
	void send(Feature feature, List<CapturedEvent> batch, Runnable ended) {
		byte[] body;
		try {
			body = body(feature, batch);
		}
		catch (RuntimeException | StackOverflowError ex) {
			this.counts.dropped(feature, DropReason.INVALID, batch.size());
			this.log.warnOnce("invalid:" + feature, () -> "SeeStack could not serialise a " + feature + " payload ("
					+ ex.getClass().getName() + "); it was dropped");
			ended.run();
			return;
		}
		TransportRequest request = new TransportRequest(feature, body, batch.size());
		this.pending.add(request);
		CompletableFuture<TransportResponse> result;
		try {
			result = this.retrying.get(feature).getStageAsync(() -> attempt(request)).toCompletableFuture();
		}
		catch (RuntimeException ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		settle(request, null, result, ended);
	}

	/** Sends a spooled body once, without retries: it stays in the spool until it is answered. */
	void sendSpooled(Spool.Entry entry, Runnable ended) {
		TransportRequest request = new TransportRequest(entry.feature(), entry.body(), entry.items());
		CompletableFuture<TransportResponse> result;
		try {
			result = attempt(request);
		}
		catch (RuntimeException ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		settle(request, entry, result, ended);
	}

	/**
	 * Keeps the sends that have not ended in the spool (or drops them, counted, without one): the shutdown deadline
	 * has passed. Should one of them end after all, it is not counted again; had it been delivered, it is sent
	 * twice, which the spool's at-least-once delivery allows.
	 * @return how many sends were abandoned
	 */
	int abandonPending() {
		int abandoned = 0;
		for (TransportRequest request : this.pending) {
			if (this.pending.remove(request)) {
				abandoned++;
				if (!keep(request)) {
					this.counts.dropped(request.feature(), DropReason.DISABLED, request.itemCount());
				}
			}
		}
		return abandoned;
	}

	/** Keeps what could not be sent (the shutdown deadline passed, the backend is down) in the spool, if any. */
	boolean keep(TransportRequest request) {
		return this.spool != null && this.spool.store(request.feature(), request.itemCount(), request.body());
	}

	private void settle(TransportRequest request, Spool.@Nullable Entry spooled,
			CompletableFuture<TransportResponse> result, Runnable ended) {
		result.whenComplete((response, failure) -> {
			try {
				completed(request, spooled, response, failure);
			}
			finally {
				ended.run();
			}
		});
	}

	/** One attempt, ended by the SDK's own deadline if the transport does not end it first. */
	private CompletableFuture<TransportResponse> attempt(TransportRequest request) {
		CompletableFuture<TransportResponse> sent = this.transport.send(request);
		if (sent == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("the transport returned no future"));
		}
		// A copy, so that the transport's own future is left as the transport made it.
		CompletableFuture<TransportResponse> attempt = sent.copy();
		long timeout = this.sendTimeout.toNanos();
		ScheduledFuture<?> deadline;
		try {
			// Not orTimeout: its shared timer thread was woken for each send, ~30 µs of CPU an error in a storm.
			deadline = this.deadlines.schedule(() -> attempt.completeExceptionally(new TimeoutException(
					"no answer from " + request.path() + " within " + this.sendTimeout)), timeout, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The delivery thread has stopped (past the shutdown deadline): a send still gets its deadline.
			return attempt.orTimeout(timeout, TimeUnit.NANOSECONDS);
		}
		attempt.whenComplete((response, failure) -> deadline.cancel(false));
		return attempt;
	}

	byte[] body(Feature feature, List<CapturedEvent> batch) {
		return switch (feature) {
			case ERRORS -> this.payloads.errorBody((CapturedError) batch.get(0));
			case LOGS -> this.json.write(this.payloads.log((CapturedLog) batch.get(0)));
			case HEARTBEATS -> this.json.write(this.payloads.heartbeat((CapturedHeartbeat) batch.get(0)));
			case HTTP_REQUESTS ->
				this.payloads.httpRequests(batch.stream().map(CapturedHttpRequest.class::cast).toList());
		};
	}

	private void completed(TransportRequest request, Spool.@Nullable Entry spooled,
			@Nullable TransportResponse response, @Nullable Throwable failure) {
		if (spooled == null && !this.pending.remove(request)) {
			return;
		}
		Feature feature = request.feature();
		int count = request.itemCount();
		if (response != null && response.isSuccess()) {
			this.log.rearm("failing:" + feature);
			this.counts.sent(feature, count);
			forget(spooled);
			this.backend.answered();
			this.log.debug(this.debug, () -> "SeeStack sent " + count + " " + feature + " event(s) to "
					+ request.path() + ": HTTP " + response.statusCode());
			return;
		}
		if (spooled == null) {
			this.undelivered.incrementAndGet();
		}
		if (response != null && response.statusCode() == 401) {
			// The spool keeps what it holds: the next process, with a valid key, delivers it.
			if (spooled == null) {
				this.counts.dropped(feature, DropReason.DISABLED, count);
			}
			this.disable.accept("the backend rejected the API key (HTTP 401 on " + request.path()
					+ "): check seestack.api-key / SeeStackOptions.apiKey");
			return;
		}
		boolean retryable = (response != null) ? RetryRules.isRetryable(response)
				: (failure != null && RetryRules.isRetryable(failure));
		if (!retryable) {
			this.counts.dropped(feature, DropReason.REJECTED, count);
			forget(spooled);
			this.backend.answered();
			warnFailing(request, response, failure, false);
			return;
		}
		if (this.disabled.getAsBoolean()) {
			if (spooled == null) {
				this.counts.dropped(feature, DropReason.DISABLED, count);
			}
			return;
		}
		this.backend.unreachable(response, spooled != null);
		if (spooled != null || keep(request)) {
			return;
		}
		if (this.stopping.getAsBoolean()) {
			this.counts.dropped(feature, DropReason.DISABLED, count);
			return;
		}
		this.counts.dropped(feature, DropReason.RETRIES_EXHAUSTED, count);
		warnFailing(request, response, failure, true);
	}

	private void forget(Spool.@Nullable Entry spooled) {
		if (spooled != null && this.spool != null) {
			this.spool.remove(spooled);
		}
	}

	private void warnFailing(TransportRequest request, @Nullable TransportResponse response,
			@Nullable Throwable failure, boolean retryable) {
		Feature feature = request.feature();
		String outcome = (response != null) ? "HTTP " + response.statusCode()
				: String.valueOf(RetryRules.unwrap(failure));
		this.log.warnOnce("failing:" + feature, () -> "SeeStack could not deliver " + feature + " to " + request.path()
				+ " (" + outcome + (retryable ? ", after " + RetryRules.MAX_ATTEMPTS + " attempts" : ", not retried")
				+ "); further failures are counted, not logged, until a delivery succeeds");
	}

}
