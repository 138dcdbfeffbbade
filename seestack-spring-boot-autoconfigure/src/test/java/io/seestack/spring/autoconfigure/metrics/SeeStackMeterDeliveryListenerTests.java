package io.seestack.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seestack.DeliveryListener.DropReason;
import io.seestack.Feature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeeStackMeterDeliveryListenerTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final SeeStackMeterDeliveryListener listener = new SeeStackMeterDeliveryListener(this.registry);

	@Test
	void registersNoMeterBeforeItsFirstUse() {
		assertThat(this.registry.getMeters()).isEmpty();
	}

	@Test
	void countsEachFeatureAndReasonOnItsOwnMeterAcrossCalls() {
		this.listener.sent(Feature.HTTP_REQUESTS, 100);
		this.listener.sent(Feature.HTTP_REQUESTS, 50);
		this.listener.sent(Feature.ERRORS, 1);
		for (int i = 0; i < 3; i++) {
			this.listener.dropped(Feature.ERRORS, DropReason.RATE_LIMITED, 1);
		}
		this.listener.dropped(Feature.ERRORS, DropReason.BUFFER_FULL, 2);
		this.listener.dropped(Feature.LOGS, DropReason.BUFFER_FULL, 4);
		this.listener.retried(Feature.LOGS);
		this.listener.retried(Feature.LOGS);

		assertThat(count("seestack.events.sent", "http_requests")).isEqualTo(150);
		assertThat(count("seestack.events.sent", "errors")).isEqualTo(1);
		assertThat(dropped("errors", "rate_limited")).isEqualTo(3);
		assertThat(dropped("errors", "buffer_full")).isEqualTo(2);
		assertThat(dropped("logs", "buffer_full")).isEqualTo(4);
		assertThat(count("seestack.events.retried", "logs")).isEqualTo(2);
		assertThat(this.registry.getMeters()).hasSize(6);
	}

	private double count(String name, String feature) {
		return this.registry.get(name).tag("feature", feature).counter().count();
	}

	private double dropped(String feature, String reason) {
		return this.registry.get("seestack.events.dropped").tag("feature", feature).tag("reason", reason).counter()
			.count();
	}

}
