package io.seestack.spring.autoconfigure.client;

import java.util.ArrayList;
import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestTemplate;

/**
 * {@link SeeStackRestTemplateAutoConfiguration} on Boot 3.5, whose {@link RestTemplateCustomizer} is in
 * {@code org.springframework.boot.web.client}: the same customizer, under the same bean name.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnClass({ RestTemplate.class, RestTemplateCustomizer.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
@Conditional(OnOutboundMonitoringCondition.class)
@Import(ClientHttpRequestInterceptorConfiguration.class)
public final class SeeStackBoot3RestTemplateAutoConfiguration {

	@Bean(SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME)
	@ConditionalOnMissingBean(name = SeeStackRestTemplateAutoConfiguration.CUSTOMIZER_BEAN_NAME)
	RestTemplateCustomizer seeStackRestTemplateCustomizer(SeeStackClientHttpRequestInterceptor interceptor) {
		return (restTemplate) -> {
			List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>(restTemplate.getInterceptors());
			ClientHttpRequestInterceptorConfiguration.addFirst(interceptors, interceptor);
			restTemplate.setInterceptors(interceptors);
		};
	}

}
