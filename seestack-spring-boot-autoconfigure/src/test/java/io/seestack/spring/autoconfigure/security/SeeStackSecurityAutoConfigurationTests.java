package io.seestack.spring.autoconfigure.security;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.web.SeeStackRequestFilter;
import io.seestack.spring.autoconfigure.web.SeeStackWebAutoConfiguration;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackSecurityAutoConfiguration}.
 */
class SeeStackSecurityAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(SeeStackAutoConfiguration.class,
			SeeStackWebAutoConfiguration.class, SeeStackSecurityAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void resolvesTheUserAfterSpringSecuritysFilterChainAndFollowsLoginAndLogout() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SeeStackUserFilter.class)
				.hasSingleBean(SeeStackAuthenticationListener.class);
			assertThat(context.getBean(SeeStackUserResolver.class)).isInstanceOf(DefaultSeeStackUserResolver.class);
			FilterRegistrationBean<?> registration = registration(context);
			assertThat(registration.getFilter()).isSameAs(context.getBean(SeeStackUserFilter.class));
			assertThat(registration.getOrder()).isEqualTo(-99);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC, DispatcherType.ERROR);
		});
	}

	@Test
	void followsTheOrderOfSpringSecuritysFilterChain() {
		this.contextRunner.withPropertyValues("spring.security.filter.order=5")
			.run((context) -> assertThat(registration(context).getOrder()).isEqualTo(6));
	}

	@Test
	void usesAUserDefinedResolver() {
		SeeStackUserResolver custom = (authentication) -> null;
		this.contextRunner.withBean(SeeStackUserResolver.class, () -> custom)
			.run((context) -> assertThat(context.getBean(SeeStackUserResolver.class)).isSameAs(custom));
	}

	@Test
	void backsOffFromAUserDefinedUserFilterRegistration() {
		this.contextRunner
			.withBean(SeeStackSecurityAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class,
					() -> {
						FilterRegistrationBean<SeeStackUserFilter> registration = new FilterRegistrationBean<>();
						registration.setOrder(7);
						return registration;
					})
			.run((context) -> assertThat(registration(context).getOrder()).isEqualTo(7));
	}

	@Test
	void isOffWhenSecurityIntegrationIsOff() {
		this.contextRunner.withPropertyValues("seestack.security.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SeeStackRequestFilter.class)
				.doesNotHaveBean(SeeStackUserResolver.class)
				.doesNotHaveBean(SeeStackUserFilter.class)
				.doesNotHaveBean(SeeStackAuthenticationListener.class));
	}

	@Test
	void isOffWhenSeeStackIsOffWhileTheNoopClientStays() {
		this.contextRunner.withPropertyValues("seestack.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
				.doesNotHaveBean(SeeStackUserResolver.class)
				.doesNotHaveBean(SeeStackUserFilter.class));
	}

	@Test
	void isOffWithoutSpringSecurityWhileTheRequestFilterStays() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SeeStackRequestFilter.class)
				.doesNotHaveBean(SeeStackUserResolver.class)
				.doesNotHaveBean(SeeStackUserFilter.class));
	}

	@Test
	void isOffWithoutSpringSecurityWeb() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackUserFilter.class));
	}

	@Test
	void worksWithoutSpringSecuritysOAuth2Modules() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security.oauth2"))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackUserResolver.class));
	}

	@Test
	void isOffInAnApplicationThatIsNotAServletWebApplication() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackUserResolver.class));
	}

	private static FilterRegistrationBean<?> registration(org.springframework.context.ApplicationContext context) {
		return context.getBean(SeeStackSecurityAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME,
				FilterRegistrationBean.class);
	}

}
