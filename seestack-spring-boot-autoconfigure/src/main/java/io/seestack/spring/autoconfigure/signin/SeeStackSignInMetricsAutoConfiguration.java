package io.seestack.spring.autoconfigure.signin;

import io.micrometer.core.instrument.MeterRegistry;
import io.seestack.spring.autoconfigure.metrics.SeeStackMetricsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the sign-in meter
 * {@code seestack.sign-ins}, with Micrometer and Spring Security, under the same switches as sign-in tracking.
 */
@AutoConfiguration(after = SeeStackMetricsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ MeterRegistry.class, AbstractAuthenticationEvent.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "seestack.security.enabled", matchIfMissing = true)
@Conditional(OnSignInTrackingCondition.class)
@ConditionalOnBean(MeterRegistry.class)
public final class SeeStackSignInMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SeeStackSignInMeters seeStackSignInMeters(MeterRegistry meterRegistry) {
		return new SeeStackSignInMeters(meterRegistry);
	}

}
