package io.seestack.spring.autoconfigure.actuate;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * {@code seestack} health indicator, switched off with {@code management.health.seestack.enabled=false} or
 * {@code seestack.enabled=false}. It reports a failing SeeStack as {@code UNKNOWN}, which keeps the application's
 * health {@code UP}, unless {@code seestack.health.down-when-failing=true} (see {@link SeeStackHealthCheck}).
 * Boot 4's health API; {@code SeeStackBoot3HealthAutoConfiguration}, in the starter's Boot 3 jar, does the same
 * with Boot 3.5's.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
@ConditionalOnEnabledHealthIndicator("seestack")
public final class SeeStackHealthAutoConfiguration {

	private static final String INDICATOR_BEAN_NAME = "seestackHealthIndicator";

	/** Heard by the client bean, like every {@code DeliveryListener} bean; only the indicator below reads it. */
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
		return new SeeStackHealthIndicator(new SeeStackHealthCheck(seeStackClient, seeStackDeliveryFailures,
				configured != null && configured.getHealth().isDownWhenFailing()));
	}

}
