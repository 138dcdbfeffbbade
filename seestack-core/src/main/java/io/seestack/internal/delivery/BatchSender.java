package io.seestack.internal.delivery;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * settles the outcome (counted as sent or dropped, a 401 disabling the SDK). The {@link Dispatcher} decides what
 * to send and when.
 */
final class BatchSender {

	private final SdkLog log = SdkLog.get(BatchSender.class);

	private final Transport transport;

	private final PayloadFactory payloads;

	private final JsonCodec json;

	private final DeliveryCounts counts;

	private final boolean debug;

	private final BooleanSupplier stopping;

	private final Consumer<String> disable;

	private final Map<Feature, FailsafeExecutor<TransportResponse>> retrying = new EnumMap<>(Feature.class);

	private final AtomicLong undelivered = new AtomicLong();

	private final Duration sendTimeout;

	/**
	 * @param stopping whether the SDK is stopping or disabled: retries end, and failures are dropped as disabled
	 * @param disable disables the SDK for good, with the reason
	 */
	BatchSender(SeeStackOptions options, Transport transport, JsonCodec json, DeliveryCounts counts,
			Scheduler scheduler, BooleanSupplier stopping, Consumer<String> disable) {
		this.transport = transport;
		this.json = json;
		this.payloads = new PayloadFactory(options, json);
		this.counts = counts;
		this.debug = options.debug();
		this.stopping = stopping;
		this.disable = disable;
		this.sendTimeout = options.sendTimeout();
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
		CompletableFuture<TransportResponse> result;
		try {
			result = this.retrying.get(feature).getStageAsync(() -> attempt(request)).toCompletableFuture();
		}
		catch (RuntimeException ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		result.whenComplete((response, failure) -> {
			try {
				completed(request, response, failure);
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
		return sent.copy().orTimeout(this.sendTimeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	private byte[] body(Feature feature, List<CapturedEvent> batch) {
		return switch (feature) {
			case ERRORS -> this.json.write(this.payloads.error((CapturedError) batch.get(0)));
			case LOGS -> this.json.write(this.payloads.log((CapturedLog) batch.get(0)));
			case HEARTBEATS -> this.json.write(this.payloads.heartbeat((CapturedHeartbeat) batch.get(0)));
			case HTTP_REQUESTS ->
				this.payloads.httpRequests(batch.stream().map(CapturedHttpRequest.class::cast).toList());
		};
	}

	private void completed(TransportRequest request, @Nullable TransportResponse response,
			@Nullable Throwable failure) {
		Feature feature = request.feature();
		int count = request.itemCount();
		if (response != null && response.isSuccess()) {
			this.log.rearm("failing:" + feature);
			this.counts.sent(feature, count);
			this.log.debug(this.debug, () -> "SeeStack sent " + count + " " + feature + " event(s) to "
					+ request.path() + ": HTTP " + response.statusCode());
			return;
		}
		this.undelivered.incrementAndGet();
		if (response != null && response.statusCode() == 401) {
			this.counts.dropped(feature, DropReason.DISABLED, count);
			this.disable.accept("the backend rejected the API key (HTTP 401 on " + request.path()
					+ "): check seestack.api-key / SeeStackOptions.apiKey");
			return;
		}
		if (this.stopping.getAsBoolean()) {
			this.counts.dropped(feature, DropReason.DISABLED, count);
			return;
		}
		boolean retryable = (response != null) ? RetryRules.isRetryable(response)
				: (failure != null && RetryRules.isRetryable(failure));
		this.counts.dropped(feature, retryable ? DropReason.RETRIES_EXHAUSTED : DropReason.REJECTED, count);
		String outcome = (response != null) ? "HTTP " + response.statusCode()
				: String.valueOf(RetryRules.unwrap(failure));
		this.log.warnOnce("failing:" + feature, () -> "SeeStack could not deliver " + feature + " to " + request.path()
				+ " (" + outcome + (retryable ? ", after " + RetryRules.MAX_ATTEMPTS + " attempts" : ", not retried")
				+ "); further failures are counted, not logged, until a delivery succeeds");
	}

}
