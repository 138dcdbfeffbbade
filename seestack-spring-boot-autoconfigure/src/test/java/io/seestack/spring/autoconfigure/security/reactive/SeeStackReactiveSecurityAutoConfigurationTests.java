package io.seestack.spring.autoconfigure.security.reactive;

import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.security.DefaultSeeStackUserResolver;
import io.seestack.spring.autoconfigure.security.SeeStackUserResolver;
import io.seestack.spring.autoconfigure.web.reactive.SeeStackReactiveWebAutoConfiguration;
import io.seestack.spring.autoconfigure.web.reactive.SeeStackWebFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.server.WebFilterChainProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackReactiveSecurityAutoConfiguration}.
 */
class SeeStackReactiveSecurityAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(SeeStackAutoConfiguration.class,
			SeeStackReactiveWebAutoConfiguration.class, SeeStackReactiveSecurityAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void setsTheUserRightAfterSpringSecuritysWebFilterAndFollowsLoginRightBeforeIt() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SeeStackServerUserFilter.class)
				.hasSingleBean(SeeStackServerLoginFilter.class)
				.hasSingleBean(DefaultSeeStackUserResolver.class);
			assertThat(context.getBean(SeeStackServerUserFilter.class).getOrder()).isEqualTo(-99);
			assertThat(context.getBean(SeeStackServerLoginFilter.class).getOrder()).isEqualTo(-101)
				.isGreaterThan(context.getBean(SeeStackWebFilter.class).getOrder());
		});
	}

	@Test
	void usesAUserDefinedResolver() {
		SeeStackUserResolver custom = (authentication) -> null;
		this.contextRunner.withBean(SeeStackUserResolver.class, () -> custom)
			.run((context) -> assertThat(context.getBean(SeeStackUserResolver.class)).isSameAs(custom));
	}

	@Test
	void isOffWhenSecurityIntegrationIsOff() {
		this.contextRunner.withPropertyValues("seestack.security.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SeeStackWebFilter.class)
				.doesNotHaveBean(SeeStackServerUserFilter.class)
				.doesNotHaveBean(SeeStackServerLoginFilter.class));
	}

	@Test
	void isOffWhenSeeStackIsOff() {
		this.contextRunner.withPropertyValues("seestack.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackServerUserFilter.class));
	}

	@Test
	void isOffWithoutReactiveSpringSecurityWhileTheWebFilterStays() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebFilterChainProxy.class))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackWebFilter.class)
				.doesNotHaveBean(SeeStackServerUserFilter.class));
	}

	@Test
	void isOffInAServletWebApplication() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackServerUserFilter.class));
	}

}
