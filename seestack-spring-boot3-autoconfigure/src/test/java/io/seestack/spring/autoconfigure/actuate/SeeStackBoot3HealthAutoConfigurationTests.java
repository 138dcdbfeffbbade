package io.seestack.spring.autoconfigure.actuate;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.AllAutoConfigurations;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import io.seestack.spring.autoconfigure.SeeStackOptionsCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackBoot3HealthAutoConfiguration}, on Boot 3.5.
 */
class SeeStackBoot3HealthAutoConfigurationTests {

	private static final String INDICATOR = "seestackHealthIndicator";

	/** Local mode, with the outbox in memory: nothing is sent, nothing is written. */
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackBoot3HealthAutoConfiguration.class))
		.withBean(SeeStackOptionsCustomizer.class, () -> (builder) -> builder.local(null));

	@Test
	void registersTheIndicatorOnBoot3sHealthApi() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SeeStackDeliveryFailures.class);
			Health health = context.getBean(INDICATOR, HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "local").containsEntry("outbox", "memory");
		});
	}

	@Test
	void isUnknownWhenNoApiKeyIsSetAndLocalModeIsDisabled() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackBoot3HealthAutoConfiguration.class))
			.withPropertyValues("seestack.local.enabled=false")
			.run((context) -> {
				Health health = context.getBean(INDICATOR, HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
				assertThat(health.getDetails()).containsEntry("reason", "not configured");
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesTheIndicator() {
		HealthIndicator own = () -> Health.up().build();
		this.contextRunner.withBean(INDICATOR, HealthIndicator.class, () -> own).run((context) -> {
			assertThat(context).getBean(INDICATOR).isSameAs(own);
			assertThat(context).doesNotHaveBean(SeeStackDeliveryFailures.class);
		});
	}

	@Test
	void isSwitchedOffByTheHealthIndicatorProperty() {
		this.contextRunner.withPropertyValues("management.health.seestack.enabled=false").run(this::assertOff);
	}

	@Test
	void isSwitchedOffWithTheDefaultHealthIndicators() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false").run(this::assertOff);
	}

	@Test
	void isSwitchedOnAloneWhenTheDefaultHealthIndicatorsAreOff() {
		this.contextRunner
			.withPropertyValues("management.health.defaults.enabled=false", "management.health.seestack.enabled=true")
			.run((context) -> assertThat(context).hasBean(INDICATOR));
	}

	@Test
	void isSwitchedOffWithSeeStackWhileTheNoopClientStays() {
		this.contextRunner.withPropertyValues("seestack.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(SeeStackClient.class);
			assertOff(context);
		});
	}

	@Test
	void isOffWithoutASeeStackClient() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SeeStackBoot3HealthAutoConfiguration.class))
			.run(this::assertOff);
	}

	@Test
	void isOffWithoutBoot3sHealthApiAsOnBoot4() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(this::assertOff);
	}

	@Test
	void isOffWithoutActuatorsAutoConfiguration() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnEnabledHealthIndicator.class))
			.run(this::assertOff);
	}

	@Test
	void isOffWithoutTheSdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SeeStackClient.class)).run(this::assertOff);
	}

	@Test
	void isTheOnlyOneOfTheTwinsInABoot35Application() {
		new ApplicationContextRunner()
			.withUserConfiguration(AllAutoConfigurations.class)
			.withBean(SeeStackOptionsCustomizer.class, () -> (builder) -> builder.local(null))
			.run((context) -> {
				assertThat(context).hasSingleBean(SeeStackBoot3HealthAutoConfiguration.class)
					.doesNotHaveBean(SeeStackHealthAutoConfiguration.class)
					.hasSingleBean(SeeStackDeliveryFailures.class);
				assertThat(context.getBean(INDICATOR)).isInstanceOf(HealthIndicator.class);
			});
	}

	private void assertOff(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed().doesNotHaveBean(INDICATOR).doesNotHaveBean(SeeStackDeliveryFailures.class);
	}

}
