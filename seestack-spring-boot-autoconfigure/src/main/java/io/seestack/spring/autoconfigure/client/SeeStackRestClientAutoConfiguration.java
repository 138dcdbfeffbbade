package io.seestack.spring.autoconfigure.client;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for outbound HTTP items
 * of the {@link RestClient RestClients} built from Spring Boot's {@code RestClient.Builder}: a
 * {@link RestClientCustomizer} adds the {@link SeeStackClientHttpRequestInterceptor}. Needs
 * {@code seestack.project-id}; {@code seestack.http.outbound.enabled=false} switches it off.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
@Conditional(OnOutboundMonitoringCondition.class)
@Import(ClientHttpRequestInterceptorConfiguration.class)
public final class SeeStackRestClientAutoConfiguration {

	/** The name of the customizer; a bean of this name replaces it. */
	public static final String CUSTOMIZER_BEAN_NAME = "seeStackRestClientCustomizer";

	/** Backs off only from a bean of its name: the application's own customizers are applied beside it. */
	@Bean(CUSTOMIZER_BEAN_NAME)
	@ConditionalOnMissingBean(name = CUSTOMIZER_BEAN_NAME)
	RestClientCustomizer seeStackRestClientCustomizer(SeeStackClientHttpRequestInterceptor interceptor) {
		return (builder) -> builder.requestInterceptors(
				(interceptors) -> ClientHttpRequestInterceptorConfiguration.addFirst(interceptors, interceptor));
	}

}
