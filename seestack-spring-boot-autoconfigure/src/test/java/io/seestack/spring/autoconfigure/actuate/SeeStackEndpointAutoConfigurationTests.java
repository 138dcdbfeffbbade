package io.seestack.spring.autoconfigure.actuate;

import java.nio.file.Path;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackEndpointAutoConfiguration}: Boot's rules for the availability of an endpoint.
 */
class SeeStackEndpointAutoConfigurationTests {

	@TempDir
	static Path temp;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SeeStackAutoConfiguration.class, SeeStackEndpointAutoConfiguration.class))
		.withPropertyValues("seestack.local.outbox=" + temp.resolve("outbox.jsonl"));

	private ApplicationContextRunner exposed() {
		return this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=seestack");
	}

	@Test
	void isAvailableWhenExposedOverHttp() {
		exposed().run((context) -> assertThat(context).hasSingleBean(SeeStackEndpoint.class));
	}

	@Test
	void isAvailableWhenExposedOverJmx() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=seestack")
			.run((context) -> assertThat(context).hasSingleBean(SeeStackEndpoint.class));
	}

	@Test
	void isNotAvailableUnlessExposedLikeAnyEndpointButHealth() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
			.doesNotHaveBean(SeeStackEndpoint.class));
	}

	@Test
	void isNotAvailableWhenExcludedFromTheExposure() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=*",
					"management.endpoints.web.exposure.exclude=seestack")
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackEndpoint.class));
	}

	@Test
	void isNotAvailableWhenItsAccessIsNone() {
		// The runner has no ApplicationConversionService, which would also accept "none".
		exposed().withPropertyValues("management.endpoint.seestack.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackEndpoint.class));
	}

	@Test
	void isNotAvailableWhenEndpointsAreOffByDefault() {
		exposed().withPropertyValues("management.endpoints.access.default=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(SeeStackEndpoint.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesTheEndpoint() {
		SeeStackEndpoint own = new SeeStackEndpoint(SeeStackClient.noop(),
				org.springframework.boot.actuate.endpoint.Show.NEVER, java.util.Set.of());
		exposed().withBean(SeeStackEndpoint.class, () -> own)
			.run((context) -> assertThat(context).getBean(SeeStackEndpoint.class).isSameAs(own));
	}

	@Test
	void isSwitchedOffWithSeeStackWhileTheNoopClientStays() {
		exposed().withPropertyValues("seestack.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
				.doesNotHaveBean(SeeStackEndpoint.class));
	}

	@Test
	void backsOffWithoutActuator() {
		exposed().withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
				.doesNotHaveBean(SeeStackEndpoint.class));
	}

	@Test
	void backsOffWithoutActuatorsAutoConfiguration() {
		exposed().withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.autoconfigure"))
			.run((context) -> assertThat(context).hasSingleBean(SeeStackClient.class)
				.doesNotHaveBean(SeeStackEndpoint.class));
	}

}
