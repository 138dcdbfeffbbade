package io.seestack.spring.autoconfigure.client;

import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * The one {@link SeeStackClientHttpRequestInterceptor} that the RestClient and RestTemplate auto-configurations
 * share, whichever of them applies.
 */
@Configuration(proxyBeanMethods = false)
class ClientHttpRequestInterceptorConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SeeStackClientHttpRequestInterceptor seeStackClientHttpRequestInterceptor(SeeStackClient seeStackClient,
			SeeStackProperties properties) {
		return new SeeStackClientHttpRequestInterceptor(seeStackClient, properties.getHost(),
				properties.getHttp().getOutbound().isPropagateTrace());
	}

	/**
	 * Puts the interceptor first, outside the application's own, so that the item times the whole call (retries by
	 * another interceptor included) and names the host the application called; once, however often a builder is
	 * customized.
	 */
	static void addFirst(List<ClientHttpRequestInterceptor> interceptors,
			SeeStackClientHttpRequestInterceptor interceptor) {
		for (ClientHttpRequestInterceptor present : interceptors) {
			if (present instanceof SeeStackClientHttpRequestInterceptor) {
				return;
			}
		}
		interceptors.add(0, interceptor);
	}

}
