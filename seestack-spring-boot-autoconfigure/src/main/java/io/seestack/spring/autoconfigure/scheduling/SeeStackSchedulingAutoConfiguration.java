package io.seestack.spring.autoconfigure.scheduling;

import io.micrometer.observation.ObservationRegistry;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import org.springframework.scheduling.support.ScheduledTaskObservationContext;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the heartbeats of
 * scheduled jobs: with {@code @EnableScheduling}, every run of a {@code @Scheduled} method annotated with
 * {@link SeeStackMonitor} or named in {@code seestack.scheduling.monitors} sends its heartbeat. It hooks Spring's
 * scheduled-task observation (Spring Framework 6.1 and later), so it needs no AspectJ and no proxy, and leaves the
 * application's own observation of its tasks as it is. Off with {@code seestack.scheduling.enabled=false}.
 *
 * <p>It is ordered after Spring Boot's scheduled-task observation, so that its {@code SchedulingConfigurer} finds
 * the registry that one sets.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.observation.autoconfigure.ScheduledTasksObservationAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.scheduling.ScheduledTasksObservabilityAutoConfiguration",
		"org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration" })
@ConditionalOnClass({ ScheduledTaskObservationContext.class, ObservationRegistry.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "seestack.scheduling.enabled", matchIfMissing = true)
@ConditionalOnBean(name = TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME)
@EnableConfigurationProperties(SeeStackSchedulingProperties.class)
public final class SeeStackSchedulingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ScheduledMonitors seeStackScheduledMonitors(ObjectProvider<SeeStackSchedulingProperties> properties) {
		return new ScheduledMonitors(() -> properties.getObject().getMonitors());
	}

	@Bean
	@ConditionalOnBean(SeeStackClient.class)
	SeeStackSchedulingConfigurer seeStackSchedulingConfigurer(SeeStackClient seeStackClient,
			ScheduledMonitors seeStackScheduledMonitors) {
		return new SeeStackSchedulingConfigurer(
				new MonitoredRunObservationHandler(seeStackClient, seeStackScheduledMonitors));
	}

}
