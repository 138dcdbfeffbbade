package io.seestack.spring.autoconfigure.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.seestack.DeliveryListener;
import io.seestack.Feature;

/**
 * Counts what the SDK delivers: {@code seestack.events.sent} and {@code seestack.events.retried} tagged with the
 * {@code feature}, {@code seestack.events.dropped} tagged with the {@code feature} and the {@code reason}. Tag
 * values are lower case, such as {@code http_requests} and {@code retries_exhausted}.
 */
public final class SeeStackMeterDeliveryListener implements DeliveryListener {

	private final MeterRegistry registry;

	/*
	 * Each counter is looked up in the registry once, at its first use: building and registering it on every call
	 * put a Micrometer lookup on the request thread of every error held back during an error storm.
	 */
	private final Map<Feature, Counter> sent = new ConcurrentHashMap<>();

	private final Map<Feature, Counter> retried = new ConcurrentHashMap<>();

	private final Map<Feature, Map<DropReason, Counter>> dropped = new EnumMap<>(Feature.class);

	/**
	 * Creates a listener that registers its counters in the given registry.
	 * @param registry the registry to count in
	 */
	public SeeStackMeterDeliveryListener(MeterRegistry registry) {
		this.registry = registry;
		for (Feature feature : Feature.values()) {
			this.dropped.put(feature, new ConcurrentHashMap<>());
		}
	}

	@Override
	public void sent(Feature feature, int count) {
		this.sent.computeIfAbsent(feature, (key) -> Counter.builder("seestack.events.sent")
			.description("Events accepted by the SeeStack backend")
			.tag("feature", tag(key))
			.register(this.registry)).increment(count);
	}

	@Override
	public void dropped(Feature feature, DropReason reason, int count) {
		this.dropped.get(feature).computeIfAbsent(reason, (key) -> Counter.builder("seestack.events.dropped")
			.description("Events dropped instead of delivered to SeeStack")
			.tag("feature", tag(feature))
			.tag("reason", key.name().toLowerCase(Locale.ROOT))
			.register(this.registry)).increment(count);
	}

	@Override
	public void retried(Feature feature) {
		this.retried.computeIfAbsent(feature, (key) -> Counter.builder("seestack.events.retried")
			.description("Requests to the SeeStack backend that failed and are retried")
			.tag("feature", tag(key))
			.register(this.registry)).increment();
	}

	static String tag(Feature feature) {
		return feature.name().toLowerCase(Locale.ROOT);
	}

}
