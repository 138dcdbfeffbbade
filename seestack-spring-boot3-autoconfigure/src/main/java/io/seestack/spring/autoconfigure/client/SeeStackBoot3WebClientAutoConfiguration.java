package io.seestack.spring.autoconfigure.client;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.reactive.function.client.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link SeeStackWebClientAutoConfiguration} on Boot 3.5, whose {@link WebClientCustomizer} is in
 * {@code org.springframework.boot.web.reactive.function.client}: the same filter and customizer, under the same
 * bean names.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
@Conditional(OnOutboundMonitoringCondition.class)
public final class SeeStackBoot3WebClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SeeStackExchangeFilterFunction seeStackExchangeFilterFunction(SeeStackClient seeStackClient,
			SeeStackProperties properties) {
		return new SeeStackExchangeFilterFunction(seeStackClient, properties.getHost(),
				properties.getHttp().getOutbound().isPropagateTrace());
	}

	@Bean(SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME)
	@ConditionalOnMissingBean(name = SeeStackWebClientAutoConfiguration.CUSTOMIZER_BEAN_NAME)
	WebClientCustomizer seeStackWebClientCustomizer(SeeStackExchangeFilterFunction filter) {
		return (builder) -> builder.filters((filters) -> {
			for (ExchangeFilterFunction present : filters) {
				if (present instanceof SeeStackExchangeFilterFunction) {
					return;
				}
			}
			filters.add(0, filter);
		});
	}

}
