package io.seestack.spring.autoconfigure.web;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for servlet web
 * applications: the per-request scope ({@link SeeStackRequestFilter}), the request IP ({@link ClientIpResolver}),
 * the HTTP request item ({@link SeeStackHttpRequestCapture}), the exception capture
 * ({@link SeeStackExceptionCapture}) and, with Spring MVC, the exceptions its handlers resolve
 * ({@link SeeStackExceptionRecorder}) and the request's context in async {@code Callable}s.
 * Needs no Spring Security.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class, FilterRegistrationBean.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
public final class SeeStackWebAutoConfiguration {

	/** The name of the registration of {@link SeeStackRequestFilter}; a bean of this name replaces it. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "seeStackRequestFilterRegistration";

	@Bean
	@ConditionalOnMissingBean
	ClientIpResolver seeStackClientIpResolver(SeeStackProperties properties) {
		return ClientIpResolver.from(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	SeeStackHttpRequestCapture seeStackHttpRequestCapture(SeeStackClient seeStackClient,
			SeeStackProperties properties) {
		SeeStackProperties.Http http = properties.getHttp();
		return new DefaultSeeStackHttpRequestCapture(seeStackClient,
				http.isEnabled() && StringUtils.hasText(properties.getProjectId()), http.getExcludePaths(),
				http.getSampleRate());
	}

	/** Exceptions that escape the filter chain are captured without Spring MVC too; MVC adds the handled ones. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "seestack.exceptions.enabled", matchIfMissing = true)
	SeeStackExceptionCapture seeStackExceptionCapture(SeeStackClient seeStackClient, SeeStackProperties properties) {
		return new DefaultSeeStackExceptionCapture(seeStackClient, properties.getExceptions().getMinimumStatus(),
				properties.getExceptions().getIgnored());
	}

	@Bean
	@ConditionalOnMissingBean
	SeeStackRequestFilter seeStackRequestFilter(SeeStackClient seeStackClient, ClientIpResolver seeStackClientIpResolver,
			ObjectProvider<SeeStackHttpRequestCapture> httpRequestCapture,
			ObjectProvider<SeeStackExceptionCapture> exceptionCapture, SeeStackProperties properties) {
		return new SeeStackRequestFilter(seeStackClient, seeStackClientIpResolver, httpRequestCapture.getIfAvailable(),
				exceptionCapture.getIfAvailable(), properties.getReplay().getSessionHeader());
	}

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<SeeStackRequestFilter> seeStackRequestFilterRegistration(SeeStackRequestFilter filter) {
		FilterRegistrationBean<SeeStackRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("seeStackRequestFilter");
		registration.setOrder(SeeStackRequestFilter.DEFAULT_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		registration.setAsyncSupported(true);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebMvcConfigurer.class)
	static class WebMvcConfiguration {

		/** Runs Spring MVC's async {@code Callable}s in a scope of their request (see the interceptor). */
		@Bean
		@ConditionalOnMissingBean(name = "seeStackWebMvcConfigurer")
		WebMvcConfigurer seeStackWebMvcConfigurer(SeeStackClient seeStackClient) {
			SeeStackCallableInterceptor interceptor = new SeeStackCallableInterceptor(seeStackClient);
			return new WebMvcConfigurer() {

				@Override
				public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
					configurer.registerCallableInterceptors(interceptor);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HandlerExceptionResolver.class)
	@ConditionalOnBooleanProperty(name = "seestack.exceptions.enabled", matchIfMissing = true)
	static class ExceptionRecorderConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SeeStackExceptionRecorder seeStackExceptionRecorder() {
			return new SeeStackExceptionRecorder();
		}

	}

}
