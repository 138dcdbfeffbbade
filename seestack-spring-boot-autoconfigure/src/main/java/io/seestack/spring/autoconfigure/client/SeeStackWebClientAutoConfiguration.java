package io.seestack.spring.autoconfigure.client;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for outbound HTTP items
 * of the {@link WebClient WebClients} built from Spring Boot's {@code WebClient.Builder}: a
 * {@link WebClientCustomizer} adds the {@link SeeStackExchangeFilterFunction}. Needs {@code seestack.project-id};
 * {@code seestack.http.outbound.enabled=false} switches it off.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
@Conditional(OnOutboundMonitoringCondition.class)
public final class SeeStackWebClientAutoConfiguration {

	/** The name of the customizer; a bean of this name replaces it. */
	public static final String CUSTOMIZER_BEAN_NAME = "seeStackWebClientCustomizer";

	@Bean
	@ConditionalOnMissingBean
	SeeStackExchangeFilterFunction seeStackExchangeFilterFunction(SeeStackClient seeStackClient,
			SeeStackProperties properties) {
		return new SeeStackExchangeFilterFunction(seeStackClient, properties.getHost(),
				properties.getHttp().getOutbound().isPropagateTrace());
	}

	/**
	 * Backs off only from a bean of its name: the application's own customizers are applied beside it. Puts the
	 * filter first, outside the application's own, once, however often a builder is customized.
	 */
	@Bean(CUSTOMIZER_BEAN_NAME)
	@ConditionalOnMissingBean(name = CUSTOMIZER_BEAN_NAME)
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
