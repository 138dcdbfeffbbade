package io.seestack.spring.autoconfigure.client;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The conditions that the three Boot 3 outbound auto-configurations share, tested once for each: each is off
 * without a project id, with outbound items or SeeStack disabled, without a {@link SeeStackClient} or the SDK,
 * without its HTTP client, and without Boot 3's customizer type (as on Boot 4).
 */
abstract class OutboundAutoConfigurationConditionTests {

	static final String PROJECT_ID = "seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e";

	/** Spring Boot's auto-configuration of the HTTP client, such as {@code RestClientAutoConfiguration}. */
	abstract Class<?> clientAutoConfiguration();

	/** The SeeStack auto-configuration under test. */
	abstract Class<?> seeStackAutoConfiguration();

	/** The HTTP client's type, without which the auto-configuration is off. */
	abstract Class<?> clientType();

	/** Boot 3's customizer of that client, which Boot 4 moved. */
	abstract Class<?> boot3Customizer();

	/** Asserts that the application context has nothing of the auto-configuration under test. */
	abstract void assertOff(AssertableApplicationContext context);

	/** The client's auto-configuration and the one under test, with SeeStack's and a project id. */
	final ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class, clientAutoConfiguration(),
					seeStackAutoConfiguration()))
			.withPropertyValues(PROJECT_ID);
	}

	@Test
	void isOffWithoutAProjectId() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class, clientAutoConfiguration(),
					seeStackAutoConfiguration()))
			.run(this::assertOff);
	}

	@Test
	void isOffWithABlankProjectId() {
		contextRunner().withPropertyValues("seestack.project-id= ").run(this::assertOff);
	}

	@Test
	void isOffWhenOutboundItemsAreDisabled() {
		contextRunner().withPropertyValues("seestack.http.outbound.enabled=false").run(this::assertOff);
	}

	@Test
	void isOffWhenSeeStackIsDisabled() {
		contextRunner().withPropertyValues("seestack.enabled=false").run(this::assertOff);
	}

	@Test
	void isOffWithoutASeeStackClient() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(clientAutoConfiguration(), seeStackAutoConfiguration()))
			.withPropertyValues(PROJECT_ID)
			.run(this::assertOff);
	}

	@Test
	void isOffWithoutTheClient() {
		contextRunner().withClassLoader(new FilteredClassLoader(clientType())).run(this::assertOff);
	}

	@Test
	void isOffWithoutBoot3sCustomizerAsOnBoot4() {
		contextRunner().withClassLoader(new FilteredClassLoader(boot3Customizer())).run(this::assertOff);
	}

	@Test
	void isOffWithoutTheSdk() {
		contextRunner().withClassLoader(new FilteredClassLoader(SeeStackClient.class)).run(this::assertOff);
	}

}
