package io.seestack.spring.autoconfigure.actuate;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * {@code seestack} health indicator, switched off with {@code management.health.seestack.enabled=false}.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, SeeStackClient.class })
@ConditionalOnBean(SeeStackClient.class)
@ConditionalOnEnabledHealthIndicator("seestack")
public final class SeeStackHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "seestackHealthIndicator")
	HealthIndicator seestackHealthIndicator(SeeStackClient seeStackClient) {
		return new SeeStackHealthIndicator(seeStackClient);
	}

}
