package io.seestack.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for SeeStack's
 * Micrometer meters: {@code seestack.events.sent}, {@code seestack.events.dropped},
 * {@code seestack.events.retried} and {@code seestack.buffer.size}. Off with {@code seestack.enabled=false}, whose
 * no-op client has nothing to count.
 *
 * <p>The counting {@link io.seestack.DeliveryListener} must exist before the client is built, and the buffer
 * gauges need the client: the listener depends on the registry only, the gauges on the client only, and Boot
 * binds {@link io.micrometer.core.instrument.binder.MeterBinder MeterBinders} after all singletons exist, so
 * there is no cycle.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean({ MeterRegistry.class, SeeStackClient.class })
public final class SeeStackMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SeeStackMeterDeliveryListener seeStackMeterDeliveryListener(MeterRegistry meterRegistry) {
		return new SeeStackMeterDeliveryListener(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	SeeStackBufferMetrics seeStackBufferMetrics(SeeStackClient seeStackClient) {
		return new SeeStackBufferMetrics(seeStackClient);
	}

}
