package io.seestack.spring.autoconfigure.scheduling;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.ScheduledTaskObservationContext;

/**
 * Makes Spring observe every run of a {@code @Scheduled} method, so that the SeeStack handler sees it. When the
 * application observes its scheduled tasks already (Spring Boot's scheduled-task observation, with Actuator), the
 * handler joins that registry, and the application's metrics and traces of its tasks stay as they were; otherwise
 * the registrar gets a registry of its own with only this handler.
 */
final class SeeStackSchedulingConfigurer implements SchedulingConfigurer {

	private final ObservationHandler<ScheduledTaskObservationContext> handler;

	private @Nullable ScheduledTaskRegistrar configured;

	SeeStackSchedulingConfigurer(ObservationHandler<ScheduledTaskObservationContext> handler) {
		this.handler = handler;
	}

	@Override
	public synchronized void configureTasks(ScheduledTaskRegistrar registrar) {
		if (this.configured == registrar) {
			return;
		}
		this.configured = registrar;
		ObservationRegistry registry = registrar.getObservationRegistry();
		if (registry != null) {
			registry.observationConfig().observationHandler(this.handler);
		}
		// ObservationRegistry.NOOP ignores handlers
		if (registry == null || registry.isNoop()) {
			ObservationRegistry own = ObservationRegistry.create();
			own.observationConfig().observationHandler(this.handler);
			registrar.setObservationRegistry(own);
		}
	}

}
