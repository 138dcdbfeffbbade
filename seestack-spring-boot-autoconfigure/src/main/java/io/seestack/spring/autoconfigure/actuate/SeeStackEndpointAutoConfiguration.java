package io.seestack.spring.autoconfigure.actuate;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * {@link SeeStackEndpoint Actuator seestack endpoint}. Boot's rules for endpoints apply: like any endpoint other
 * than {@code health} it must be exposed, for example with {@code management.endpoints.web.exposure.include=seestack},
 * and {@code management.endpoint.seestack.access=none} switches it off, as does {@code seestack.enabled=false}.
 * Backs off without Actuator.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
@EnableConfigurationProperties(SeeStackEndpointProperties.class)
public final class SeeStackEndpointAutoConfiguration {

	// On the method, not the class: Spring loads every condition of a class before it evaluates any, so a class-level
	// @ConditionalOnAvailableEndpoint would fail where spring-boot-actuator-autoconfigure is missing, instead of
	// backing off.
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	SeeStackEndpoint seeStackEndpoint(SeeStackClient seeStackClient, SeeStackEndpointProperties properties) {
		return new SeeStackEndpoint(seeStackClient, properties.getShowValues(), properties.getRoles());
	}

}
