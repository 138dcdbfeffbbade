package io.seestack.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** An application on a Spring Boot line that SeeStack does not support stops at start, with a clear analysis. */
@ExtendWith(OutputCaptureExtension.class)
class SpringBootVersionVerifierTests {

	@ParameterizedTest
	@ValueSource(strings = { "3.5.0", "3.5.7", "4.0.7", "4.1.1", "4.1.2-SNAPSHOT" })
	void letsEverySupportedLineThrough(String version) {
		assertThatNoException().isThrownBy(() -> SpringBootVersionVerifier.verify(version));
	}

	@ParameterizedTest
	@ValueSource(strings = { "3.4.9", "3.0.0", "4.2.0", "5.0.0", "2.7.18" })
	void refusesEveryOtherLine(String version) {
		assertThatException().isThrownBy(() -> SpringBootVersionVerifier.verify(version))
			.isInstanceOf(UnsupportedSpringBootVersionException.class)
			.withMessage("SeeStack supports Spring Boot 3.5.x, 4.0.x and 4.1.x; this application runs Spring Boot "
					+ version);
	}

	@Test
	void letsAnUnreadableVersionThrough() {
		assertThatNoException().isThrownBy(() -> SpringBootVersionVerifier.verify(null));
	}

	@Test
	void theRegisteredVerifierLetsThisBuildsBootStart() {
		assertThat(SpringBootVersion.getVersion()).startsWith("4.1.");
		try (ConfigurableApplicationContext context = application().run()) {
			assertThat(context.isActive()).isTrue();
		}
	}

	@Test
	void stopsTheStartOfAnApplicationOnAnotherLineWithAFailureAnalysis(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> application().listeners(new SpringBootVersionVerifier(() -> "3.4.2")).run())
			.isInstanceOf(UnsupportedSpringBootVersionException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The SeeStack starter does not support Spring Boot 3.4.2: this version of SeeStack supports "
					+ "Spring Boot 3.5.x, 4.0.x and 4.1.x.")
			.contains("set seestack.compatibility-verifier.enabled=false");
	}

	@Test
	void startsAnywayWhenSwitchedOff() {
		try (ConfigurableApplicationContext context = application()
			.listeners(new SpringBootVersionVerifier(() -> "4.2.0"))
			.properties("seestack.compatibility-verifier.enabled=false")
			.run()) {
			assertThat(context.isActive()).isTrue();
		}
	}

	private static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).properties("seestack.enabled=false");
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
