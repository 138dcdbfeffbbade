package io.seestack.spring.autoconfigure.actuate;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * {@code seestack} health indicator on Boot 3.5's health API ({@code org.springframework.boot.actuate.health}), as
 * {@link SeeStackHealthAutoConfiguration} does on Boot 4's: same bean names, same properties, same
 * {@link SeeStackHealthCheck}.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
@ConditionalOnEnabledHealthIndicator("seestack")
public final class SeeStackBoot3HealthAutoConfiguration {

	private static final String INDICATOR_BEAN_NAME = "seestackHealthIndicator";

	@Bean
	@ConditionalOnMissingBean(name = INDICATOR_BEAN_NAME)
	SeeStackDeliveryFailures seeStackDeliveryFailures() {
		return new SeeStackDeliveryFailures();
	}

	@Bean(INDICATOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = INDICATOR_BEAN_NAME)
	HealthIndicator seestackHealthIndicator(SeeStackClient seeStackClient,
			SeeStackDeliveryFailures seeStackDeliveryFailures, ObjectProvider<SeeStackProperties> properties) {
		SeeStackProperties configured = properties.getIfAvailable();
		return new SeeStackBoot3HealthIndicator(new SeeStackHealthCheck(seeStackClient, seeStackDeliveryFailures,
				configured != null && configured.getHealth().isDownWhenFailing()));
	}

}
