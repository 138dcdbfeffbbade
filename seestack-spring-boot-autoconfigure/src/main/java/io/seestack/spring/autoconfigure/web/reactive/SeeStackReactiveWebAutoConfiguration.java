package io.seestack.spring.autoconfigure.web.reactive;

import io.micrometer.context.ContextRegistry;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import io.seestack.spring.autoconfigure.web.ClientIpResolver;
import io.seestack.spring.autoconfigure.web.DefaultSeeStackExceptionCapture;
import io.seestack.spring.autoconfigure.web.HttpRequestMonitoring;
import io.seestack.spring.autoconfigure.web.SeeStackExceptionCapture;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.server.WebFilter;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for WebFlux
 * applications: the exchange's context ({@link SeeStackWebFilter}), its IP (the same {@link ClientIpResolver} as
 * the servlet side), its HTTP request item ({@link SeeStackServerHttpRequestCapture}) and the capture of its
 * exception ({@link SeeStackExceptionCapture}, the servlet side's rules). With
 * {@code io.micrometer:context-propagation} present, it turns on Reactor's automatic context propagation, unless
 * {@code seestack.reactor.context-propagation=false}, and with it notes the exceptions that the application's
 * {@code @ExceptionHandler} methods answer ({@link SeeStackExceptionHandlerPostProcessor}). Needs no Spring
 * Security.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ WebFilter.class, Mono.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
public final class SeeStackReactiveWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientIpResolver seeStackClientIpResolver(SeeStackProperties properties) {
		return ClientIpResolver.from(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	SeeStackServerHttpRequestCapture seeStackServerHttpRequestCapture(SeeStackClient seeStackClient,
			SeeStackProperties properties) {
		SeeStackProperties.Http http = properties.getHttp();
		return new DefaultSeeStackServerHttpRequestCapture(new HttpRequestMonitoring(seeStackClient,
				http.isEnabled() && StringUtils.hasText(properties.getProjectId()), http.getExcludePaths(),
				http.getSampleRate()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "seestack.exceptions.enabled", matchIfMissing = true)
	SeeStackExceptionCapture seeStackExceptionCapture(SeeStackClient seeStackClient, SeeStackProperties properties) {
		return new DefaultSeeStackExceptionCapture(seeStackClient, properties.getExceptions().getMinimumStatus(),
				properties.getExceptions().getIgnored());
	}

	@Bean
	@ConditionalOnMissingBean
	SeeStackWebFilter seeStackWebFilter(SeeStackClient seeStackClient, ClientIpResolver seeStackClientIpResolver,
			ObjectProvider<SeeStackServerHttpRequestCapture> httpRequestCapture,
			ObjectProvider<SeeStackExceptionCapture> exceptionCapture, SeeStackProperties properties) {
		return new SeeStackWebFilter(seeStackClient, seeStackClientIpResolver, httpRequestCapture.getIfAvailable(),
				exceptionCapture.getIfAvailable(), properties.getReplay().getSessionHeader());
	}

	/**
	 * Reactor restores the exchange's context on the threads that run its operators only in automatic mode, which
	 * is off unless {@code spring.reactor.context-propagation=auto}: without it the application's code after the
	 * first thread hop would run with no user. It is one process-wide switch, and idempotent.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.context.ContextRegistry")
	@ConditionalOnBooleanProperty(name = "seestack.reactor.context-propagation", matchIfMissing = true)
	static class ContextPropagationConfiguration {

		ContextPropagationConfiguration() {
			Hooks.enableAutomaticContextPropagation();
		}

		/** Created eagerly even with lazy initialization, as Spring Boot's own Reactor configuration is. */
		@Bean
		static LazyInitializationExcludeFilter seeStackContextPropagationIsEager() {
			return LazyInitializationExcludeFilter.forBeanTypes(ContextPropagationConfiguration.class);
		}

		/**
		 * The exceptions that the application's {@code @ExceptionHandler} methods answer, which WebFlux keeps
		 * nowhere: noted around those methods, on the exchange that context propagation makes current there.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(DispatcherHandler.class)
		@ConditionalOnBooleanProperty(name = "seestack.exceptions.enabled", matchIfMissing = true)
		static class ExceptionHandlerConfiguration {

			@Bean
			@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
			static SeeStackExceptionHandlerPostProcessor seeStackExceptionHandlerPostProcessor() {
				// Process-wide and idempotent, like the hook: a key registered again replaces the first.
				ContextRegistry.getInstance()
					.registerThreadLocalAccessor(ExchangeState.CONTEXT_KEY, ExchangeState.CURRENT);
				return new SeeStackExceptionHandlerPostProcessor();
			}

		}

	}

}
