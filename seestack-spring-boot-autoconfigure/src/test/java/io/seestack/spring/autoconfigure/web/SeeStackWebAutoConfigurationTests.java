package io.seestack.spring.autoconfigure.web;

import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import io.seestack.spring.autoconfigure.SeeStackProperties.IpCollection;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackWebAutoConfiguration}.
 */
class SeeStackWebAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackWebAutoConfiguration.class));

	@Test
	void registersTheRequestFilterBeforeSpringSecurityForRequestAsyncAndErrorDispatches() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SeeStackRequestFilter.class)
				.hasSingleBean(ClientIpResolver.class)
				.hasSingleBean(SeeStackExceptionRecorder.class)
				.hasBean("seeStackWebMvcConfigurer");
			FilterRegistrationBean<?> registration = context
				.getBean(SeeStackWebAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isSameAs(context.getBean(SeeStackRequestFilter.class));
			assertThat(registration.getOrder()).isEqualTo(SeeStackRequestFilter.DEFAULT_ORDER).isLessThan(-100);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC, DispatcherType.ERROR);
			assertThat(registration.isAsyncSupported()).isTrue();
		});
	}

	@Test
	void collectsNoIpByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ClientIpResolver.class).collection())
			.isEqualTo(IpCollection.NONE));
	}

	@Test
	void takesTheIpCollectionAndTrustedProxiesFromTheProperties() {
		this.contextRunner.withPropertyValues("seestack.user.ip=anonymized", "seestack.trusted-proxies=10.0.0.0/8,::1")
			.run((context) -> assertThat(context.getBean(ClientIpResolver.class).collection())
				.isEqualTo(IpCollection.ANONYMIZED));
	}

	@Test
	void failsToStartWithAnInvalidTrustedProxyNamingIt() {
		this.contextRunner.withPropertyValues("seestack.trusted-proxies=10.0.0.0/8,10.0.0.300")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("seestack.trusted-proxies[1] '10.0.0.300' is not an IP address or CIDR block"));
	}

	@Test
	void explainsASampleRateOutsideZeroToOneInAFailureAnalysis() {
		assertFailureAnalysis("seestack.http.sample-rate=1.5", "Invalid SeeStack configuration: property "
				+ "'seestack.http.sample-rate' has the value '1.5', which is not a fraction from 0.0 to 1.0.",
				"from 0.0 (none) to 1.0 (every request, the default)");
	}

	@Test
	void explainsAnInvalidTrustedProxyInAFailureAnalysis() {
		assertFailureAnalysis("seestack.trusted-proxies=proxy.internal", "Invalid SeeStack configuration: property "
				+ "'seestack.trusted-proxies[0]' has the value 'proxy.internal', which is not an IP address or "
				+ "CIDR block.", "10.0.0.0/8", "Host names are not accepted");
	}

	@Test
	void registersAUserDefinedFilterInPlaceOfTheDefault() {
		this.contextRunner.withUserConfiguration(UserFilterConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SeeStackRequestFilter.class);
			assertThat(context.getBean(SeeStackRequestFilter.class))
				.isSameAs(context.getBean("customFilter", SeeStackRequestFilter.class));
			assertThat(context.getBean(SeeStackWebAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME,
					FilterRegistrationBean.class)
				.getFilter()).isSameAs(context.getBean("customFilter"));
		});
	}

	@Test
	void backsOffFromAUserDefinedRegistration() {
		this.contextRunner.withUserConfiguration(UserRegistrationConfiguration.class)
			.run((context) -> assertThat(context.getBean(SeeStackWebAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME,
					FilterRegistrationBean.class)
				.getOrder()).isEqualTo(42));
	}

	@Test
	void backsOffFromAUserDefinedIpResolver() {
		this.contextRunner.withBean("customIpResolver", ClientIpResolver.class,
				() -> new ClientIpResolver(List.of(), IpCollection.FULL))
			.run((context) -> assertThat(context).hasSingleBean(ClientIpResolver.class)
				.hasBean("customIpResolver"));
	}

	@Test
	void backsOffFromAUserDefinedExceptionRecorder() {
		this.contextRunner.withBean("customRecorder", SeeStackExceptionRecorder.class, SeeStackExceptionRecorder::new)
			.run((context) -> assertThat(context).hasSingleBean(SeeStackExceptionRecorder.class)
				.hasBean("customRecorder"));
	}

	@Test
	void backsOffFromAUserDefinedHttpRequestCapture() {
		SeeStackHttpRequestCapture custom = new SeeStackHttpRequestCapture() {

			@Override
			public boolean isMonitored(jakarta.servlet.http.HttpServletRequest request) {
				return false;
			}

			@Override
			public void capture(CompletedRequest request) {
			}

		};
		this.contextRunner.withBean("customHttpRequestCapture", SeeStackHttpRequestCapture.class, () -> custom)
			.run((context) -> assertThat(context).hasSingleBean(SeeStackHttpRequestCapture.class)
				.hasBean("customHttpRequestCapture"));
	}

	@Test
	void backsOffFromAUserDefinedExceptionCapture() {
		SeeStackExceptionCapture custom = (request) -> {
		};
		this.contextRunner.withBean("customExceptionCapture", SeeStackExceptionCapture.class, () -> custom)
			.run((context) -> assertThat(context).hasSingleBean(SeeStackExceptionCapture.class)
				.hasBean("customExceptionCapture"));
	}

	@Test
	void recordsNoExceptionsWhenExceptionCaptureIsOff() {
		this.contextRunner.withPropertyValues("seestack.exceptions.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SeeStackRequestFilter.class)
				.doesNotHaveBean(SeeStackExceptionRecorder.class)
				.doesNotHaveBean(SeeStackExceptionCapture.class));
	}

	@Test
	void isOffWhenSeeStackIsOffWhileTheNoopClientStays() {
		this.contextRunner.withPropertyValues("seestack.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
				.doesNotHaveBean(SeeStackRequestFilter.class)
				.doesNotHaveBean(ClientIpResolver.class)
				.doesNotHaveBean(SeeStackExceptionRecorder.class)
				.doesNotHaveBean(SeeStackWebAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME));
	}

	@Test
	void worksWithoutSpringSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SeeStackRequestFilter.class)
				.hasSingleBean(SeeStackExceptionRecorder.class));
	}

	@Test
	void capturesOnlyEscapedExceptionsWithoutSpringMvc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HandlerExceptionResolver.class))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackRequestFilter.class)
				.hasSingleBean(SeeStackExceptionCapture.class)
				.doesNotHaveBean(SeeStackExceptionRecorder.class));
	}

	@Test
	void isOffWithoutServletRegistrationSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(FilterRegistrationBean.class))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
				.doesNotHaveBean(SeeStackRequestFilter.class));
	}

	@Test
	void isOffInAnApplicationThatIsNotAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackWebAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
				.doesNotHaveBean(SeeStackRequestFilter.class));
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackWebAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackRequestFilter.class));
	}

	private void assertFailureAnalysis(String propertyValue, String description, String... action) {
		this.contextRunner.withPropertyValues(propertyValue).run((context) -> {
			FailureAnalysis analysis = new InvalidWebPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).isEqualTo(description);
			assertThat(analysis.getAction()).contains(action);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		@Bean
		SeeStackRequestFilter customFilter(SeeStackClient client, SeeStackProperties properties) {
			return new SeeStackRequestFilter(client, ClientIpResolver.from(properties), null, null, null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistrationConfiguration {

		@Bean(SeeStackWebAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME)
		FilterRegistrationBean<SeeStackRequestFilter> registration(SeeStackRequestFilter filter) {
			FilterRegistrationBean<SeeStackRequestFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(42);
			return registration;
		}

	}

}
