package io.seestack.spring.autoconfigure.signin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.web.SeeStackWebAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditions of {@link SeeStackSignInAutoConfiguration} and {@link SeeStackSignInMetricsAutoConfiguration}.
 */
class SeeStackSignInAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(SeeStackAutoConfiguration.class,
			SeeStackWebAutoConfiguration.class, SeeStackSignInAutoConfiguration.class,
			SeeStackSignInMetricsAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("seestack.local.enabled=false");

	@Test
	void tracksSignInsByDefaultAndCountsThemWithMicrometer() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(SeeStackSignInListener.class)
				.hasSingleBean(SeeStackSignInMeters.class));
	}

	@Test
	void tracksSignInsWithoutMetersWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SeeStackSignInListener.class)
			.doesNotHaveBean(SeeStackSignInMeters.class));
	}

	@Test
	void tracksNothingWhenTheModeIsOff() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("seestack.security.sign-ins.mode=off")
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackSignInListener.class)
				.doesNotHaveBean(SeeStackSignInMeters.class));
	}

	@Test
	void tracksNothingWhenSecurityOrSeeStackIsSwitchedOff() {
		this.contextRunner.withPropertyValues("seestack.security.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackSignInListener.class));
		this.contextRunner.withPropertyValues("seestack.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackSignInListener.class));
	}

	@Test
	void backsOffWithoutSpringSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AbstractAuthenticationEvent.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SeeStackSignInListener.class)
				.doesNotHaveBean(SeeStackSignInMeters.class));
	}

	@Test
	void backsOffOutsideAServletWebApplication() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("seestack.local.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackSignInListener.class));
	}

}
