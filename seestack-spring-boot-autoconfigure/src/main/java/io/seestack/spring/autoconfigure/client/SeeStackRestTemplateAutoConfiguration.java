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
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestTemplate;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for outbound HTTP items
 * of the {@link RestTemplate RestTemplates} built from Spring Boot's {@code RestTemplateBuilder}: a
 * {@link RestTemplateCustomizer} adds the {@link SeeStackClientHttpRequestInterceptor}. A {@code RestTemplate}
 * does not show its interceptors the URI template, so its items carry the request's path. Needs
 * {@code seestack.project-id}; {@code seestack.http.outbound.enabled=false} switches it off.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnClass({ RestTemplate.class, RestTemplateCustomizer.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
@Conditional(OnOutboundMonitoringCondition.class)
@Import(ClientHttpRequestInterceptorConfiguration.class)
public final class SeeStackRestTemplateAutoConfiguration {

	/** The name of the customizer; a bean of this name replaces it. */
	public static final String CUSTOMIZER_BEAN_NAME = "seeStackRestTemplateCustomizer";

	/**
	 * Backs off only from a bean of its name: the application's own customizers are applied beside it. Sets a new
	 * list rather than changing the template's own, so that the template drops the request factory it may have
	 * built for the old one.
	 */
	@Bean(CUSTOMIZER_BEAN_NAME)
	@ConditionalOnMissingBean(name = CUSTOMIZER_BEAN_NAME)
	RestTemplateCustomizer seeStackRestTemplateCustomizer(SeeStackClientHttpRequestInterceptor interceptor) {
		return (restTemplate) -> {
			List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>(restTemplate.getInterceptors());
			ClientHttpRequestInterceptorConfiguration.addFirst(interceptors, interceptor);
			restTemplate.setInterceptors(interceptors);
		};
	}

}
