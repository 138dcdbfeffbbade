package io.seestack.spring.autoconfigure.client;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

/**
 * {@link SeeStackRestClientAutoConfiguration} on Boot 3.5, whose {@link RestClientCustomizer} is in
 * {@code org.springframework.boot.web.client}: the same customizer, under the same bean name.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
@Conditional(OnOutboundMonitoringCondition.class)
@Import(ClientHttpRequestInterceptorConfiguration.class)
public final class SeeStackBoot3RestClientAutoConfiguration {

	@Bean(SeeStackRestClientAutoConfiguration.CUSTOMIZER_BEAN_NAME)
	@ConditionalOnMissingBean(name = SeeStackRestClientAutoConfiguration.CUSTOMIZER_BEAN_NAME)
	RestClientCustomizer seeStackRestClientCustomizer(SeeStackClientHttpRequestInterceptor interceptor) {
		return (builder) -> builder.requestInterceptors(
				(interceptors) -> ClientHttpRequestInterceptorConfiguration.addFirst(interceptors, interceptor));
	}

}
