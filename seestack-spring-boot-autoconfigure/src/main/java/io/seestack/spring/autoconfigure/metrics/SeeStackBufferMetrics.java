package io.seestack.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.seestack.Feature;
import io.seestack.SeeStackClient;

/**
 * Gauges {@code seestack.buffer.size}, tagged with the {@code feature}: the events waiting to be sent.
 */
public final class SeeStackBufferMetrics implements MeterBinder {

	private final SeeStackClient client;

	/**
	 * Creates gauges that read the buffers of the given client.
	 * @param client the client whose buffers to gauge
	 */
	public SeeStackBufferMetrics(SeeStackClient client) {
		this.client = client;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Feature feature : Feature.values()) {
			Gauge.builder("seestack.buffer.size", this.client, (client) -> client.bufferedCount(feature))
				.description("Events waiting to be sent to SeeStack")
				.tag("feature", SeeStackMeterDeliveryListener.tag(feature))
				.register(registry);
		}
	}

}
