package io.seestack.spring.autoconfigure.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.seestack.DeliveryListener;
import io.seestack.Feature;

/**
 * Which features SeeStack currently fails to deliver, for the health indicator: a feature fails from the moment
 * its events are dropped after every retry (the ingest host is unreachable, times out, or answers 5xx or 429) until
 * one of its deliveries succeeds again, as the core's own warning does. The client's status has no such record,
 * so the health auto-configuration registers this listener, which the client bean picks up like any
 * {@link DeliveryListener} bean. A rejected API key needs nothing here: the client's status already says it.
 */
final class SeeStackDeliveryFailures implements DeliveryListener {

	private final Map<Feature, Instant> failingSince = new ConcurrentHashMap<>();

	private final Clock clock;

	SeeStackDeliveryFailures() {
		this(Clock.systemUTC());
	}

	SeeStackDeliveryFailures(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void sent(Feature feature, int count) {
		this.failingSince.remove(feature);
	}

	@Override
	public void dropped(Feature feature, DropReason reason, int count) {
		if (reason == DropReason.RETRIES_EXHAUSTED) {
			this.failingSince.putIfAbsent(feature, this.clock.instant());
		}
	}

	/** The failing features, in the order of {@link Feature}, each with when it began to fail. */
	Map<Feature, Instant> failing() {
		return new TreeMap<>(this.failingSince);
	}

}
