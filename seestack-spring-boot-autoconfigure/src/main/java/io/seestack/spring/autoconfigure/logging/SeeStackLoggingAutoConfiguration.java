package io.seestack.spring.autoconfigure.logging;

import ch.qos.logback.classic.LoggerContext;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import jakarta.servlet.DispatcherType;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
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
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the user in the
 * application's own telemetry: the request's user id, trace id and replay session id in the MDC
 * ({@link SeeStackMdcFilter}), and the SeeStack context carried into the tasks of Spring Boot's executors and
 * schedulers ({@link SeeStackTaskDecorator}). The Logback appender itself is attached earlier, by
 * {@link SeeStackLogbackInstaller}.
 */
@AutoConfiguration(after = SeeStackAutoConfiguration.class)
@ConditionalOnClass({ MDC.class, SeeStackClient.class })
@ConditionalOnBooleanProperty(name = "seestack.enabled", matchIfMissing = true)
@ConditionalOnBean(SeeStackClient.class)
public final class SeeStackLoggingAutoConfiguration {

	/** The name of the registration of {@link SeeStackMdcFilter}; a bean of this name replaces it. */
	public static final String MDC_FILTER_REGISTRATION_BEAN_NAME = "seeStackMdcFilterRegistration";

	/** Spring Boot's default order of Spring Security's filter chain, {@code spring.security.filter.order}. */
	static final int DEFAULT_SECURITY_FILTER_ORDER = -100;

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "seestack.mdc.enabled", matchIfMissing = true)
	SeeStackMdc seeStackMdc(SeeStackClient seeStackClient, SeeStackProperties properties) {
		SeeStackProperties.Mdc mdc = properties.getMdc();
		return new SeeStackMdc(seeStackClient, mdc.getUserIdKey(), mdc.getTraceIdKey(), mdc.getSessionIdKey());
	}

	/** Points the Logback appender at this context's client once every bean exists, and away when it closes. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
	static class LogbackConfiguration {

		@Bean
		LogbackBinding seeStackLogbackBinding(SeeStackClient seeStackClient) {
			return new LogbackBinding(seeStackClient);
		}

	}

	static final class LogbackBinding implements SmartInitializingSingleton, DisposableBean {

		private final SeeStackClient client;

		LogbackBinding(SeeStackClient client) {
			this.client = client;
		}

		@Override
		public void afterSingletonsInstantiated() {
			SeeStackLogbackAppender appender = appender();
			if (appender != null) {
				appender.bind(this.client);
			}
		}

		@Override
		public void destroy() {
			SeeStackLogbackAppender appender = appender();
			if (appender != null) {
				appender.unbind(this.client);
			}
		}

		private static @Nullable SeeStackLogbackAppender appender() {
			return (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && context
				.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
				.getAppender(SeeStackLogbackAppender.NAME) instanceof SeeStackLogbackAppender appender) ? appender
						: null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TaskDecorator.class)
	static class TaskDecoratorConfiguration {

		/** Spring Boot composes it with the application's own decorators, for its executors and schedulers. */
		@Bean
		@ConditionalOnMissingBean
		SeeStackTaskDecorator seeStackTaskDecorator(SeeStackClient seeStackClient, ObjectProvider<SeeStackMdc> mdc) {
			return new SeeStackTaskDecorator(seeStackClient, mdc.getIfAvailable());
		}

		/** The executors and schedulers the application defines itself, not through Boot's builders. */
		@Bean
		@ConditionalOnClass(name = "org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor")
		static SeeStackExecutorPostProcessor seeStackExecutorPostProcessor(
				ObjectProvider<SeeStackTaskDecorator> seeStackTaskDecorator) {
			return new SeeStackExecutorPostProcessor(seeStackTaskDecorator);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(FilterRegistrationBean.class)
	@ConditionalOnBooleanProperty(name = "seestack.mdc.enabled", matchIfMissing = true)
	static class MdcFilterConfiguration {

		/** Just after the SeeStack user filter, which runs just after Spring Security's filter chain. */
		@Bean(MDC_FILTER_REGISTRATION_BEAN_NAME)
		@ConditionalOnMissingBean(name = MDC_FILTER_REGISTRATION_BEAN_NAME)
		FilterRegistrationBean<SeeStackMdcFilter> seeStackMdcFilterRegistration(SeeStackMdc seeStackMdc,
				Environment environment) {
			FilterRegistrationBean<SeeStackMdcFilter> registration = new FilterRegistrationBean<>(
					new SeeStackMdcFilter(seeStackMdc));
			registration.setName("seeStackMdcFilter");
			registration.setOrder(environment.getProperty("spring.security.filter.order", Integer.class,
					DEFAULT_SECURITY_FILTER_ORDER) + 2);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
			registration.setAsyncSupported(true);
			return registration;
		}

	}

}
