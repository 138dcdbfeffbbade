package io.seestack.internal.delivery;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.seestack.DeliveryListener;
import io.seestack.DeliveryListener.DropReason;
import io.seestack.Feature;
import io.seestack.SeeStackStatus.FeatureStatus;
import io.seestack.internal.SdkLog;

/**
 * What delivery did, per feature: events sent, dropped and retried, counted for {@code status()} and told to the
 * application's {@link DeliveryListener}, whose failures never reach delivery.
 */
final class DeliveryCounts {

	private final SdkLog log = SdkLog.get(DeliveryCounts.class);

	private final Map<Feature, Counters> counters = new EnumMap<>(Feature.class);

	private final DeliveryListener listener;

	DeliveryCounts(DeliveryListener listener) {
		this.listener = listener;
		for (Feature feature : Feature.values()) {
			this.counters.put(feature, new Counters());
		}
	}

	void sent(Feature feature, int count) {
		this.counters.get(feature).sent.addAndGet(count);
		notifyListener(() -> this.listener.sent(feature, count));
	}

	void dropped(Feature feature, DropReason reason, int count) {
		this.counters.get(feature).dropped.addAndGet(count);
		notifyListener(() -> this.listener.dropped(feature, reason, count));
	}

	void retried(Feature feature) {
		this.counters.get(feature).retried.incrementAndGet();
		notifyListener(() -> this.listener.retried(feature));
	}

	void disabled(String reason) {
		notifyListener(() -> this.listener.disabled(reason));
	}

	/** The feature's counts, with its buffer's fill. */
	FeatureStatus status(Feature feature, int buffered, int capacity) {
		Counters counts = this.counters.get(feature);
		return new FeatureStatus(counts.sent.get(), counts.dropped.get(), counts.retried.get(), buffered, capacity);
	}

	private void notifyListener(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			this.log.warnOnce("listener", () -> "SeeStack DeliveryListener threw " + ex + "; ignored");
		}
	}

	private static final class Counters {

		private final AtomicLong sent = new AtomicLong();

		private final AtomicLong dropped = new AtomicLong();

		private final AtomicLong retried = new AtomicLong();

	}

}
