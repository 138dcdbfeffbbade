package io.seestack.spring.autoconfigure;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link InvalidSeeStackConfigurationFailureAnalyzer}: every misconfiguration stops startup with an
 * analysis that names the property, its value, and what to do.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidSeeStackConfigurationFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class))
		.withPropertyValues("seestack.api-key=key");

	static Stream<Arguments> misconfigurations() {
		return Stream.of(
				Arguments.of("seestack.host=not a url", "seestack.host", "not a url", "https://api.seestack.io"),
				Arguments.of("seestack.host=ftp://api.example.com", "seestack.host", "ftp://api.example.com",
						"https://api.seestack.io"),
				Arguments.of("seestack.host=api.example.com", "seestack.host", "api.example.com",
						"https://api.seestack.io"),
				Arguments.of("seestack.project-id=my-project", "seestack.project-id", "my-project", "UUID"),
				Arguments.of("seestack.flush-interval=0s", "seestack.flush-interval", "PT0S", "positive duration"),
				Arguments.of("seestack.flush-interval=-5s", "seestack.flush-interval", "PT-5S", "positive duration"),
				Arguments.of("seestack.buffer-size=0", "seestack.buffer-size", "0", "1 or more"),
				Arguments.of("seestack.identical-errors-per-second=-1", "seestack.identical-errors-per-second", "-1",
						"0 (no limit) or more"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("misconfigurations")
	void stopsStartupAndNamesThePropertyItsValueAndTheFix(String property, String name, String value,
			String fix) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'" + name + "'").contains("'" + value + "'");
			assertThat(analysis.getAction()).contains(name).contains(fix);
		});
	}

	@Test
	void refusesPlainHttpInProductionAndSaysToUseHttps() {
		this.contextRunner
			.withPropertyValues("seestack.host=http://ingest.example.com", "seestack.environment=production")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'seestack.host'")
					.contains("'http://ingest.example.com'")
					.contains("plain http");
				assertThat(analysis.getAction()).contains("https").contains("production");
			});
	}

	@Test
	void allowsPlainHttpToALoopbackHostInProduction() {
		this.contextRunner.withPropertyValues("seestack.host=http://127.0.0.1:8080", "seestack.environment=production")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void masksCredentialsInAHostUrl() {
		this.contextRunner.withPropertyValues("seestack.host=https://admin:s3cret@api.example.com").run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("property 'seestack.host'").doesNotContain("s3cret");
		});
	}

	@Test
	void blamesACustomizerWhenThePropertiesAreValid() {
		this.contextRunner
			.withBean(SeeStackOptionsCustomizer.class, () -> (builder) -> builder.host("not a url"))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("SeeStackOptionsCustomizer")
					.contains("option 'host'")
					.contains("not a url");
				assertThat(analysis.getAction()).contains("SeeStackOptionsCustomizer").contains("seestack.host");
			});
	}

	@Test
	void blamesACustomizerThatReplacedAValidPropertyWithABadValue() {
		this.contextRunner.withPropertyValues("seestack.buffer-size=200")
			.withBean(SeeStackOptionsCustomizer.class, () -> (builder) -> builder.bufferSize(0))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("SeeStackOptionsCustomizer: option 'bufferSize'")
					.contains("'0'")
					.doesNotContain("property 'seestack.buffer-size'");
				assertThat(analysis.getAction()).contains("SeeStackOptionsCustomizer")
					.contains("replacing seestack.buffer-size");
			});
	}

	@Test
	void namesThePropertyWhenACustomizerSetTheSameBadValue() {
		this.contextRunner.withPropertyValues("seestack.buffer-size=0")
			.withBean(SeeStackOptionsCustomizer.class, () -> (builder) -> builder.bufferSize(0))
			.run((context) -> assertThat(analyze(context.getStartupFailure()).getDescription())
				.contains("property 'seestack.buffer-size' has the value '0'"));
	}

	@Test
	void namesTheHostPropertyWhenACustomizerMadeTheEnvironmentProduction() {
		this.contextRunner.withPropertyValues("seestack.host=http://ingest.example.com")
			.withBean(SeeStackOptionsCustomizer.class, () -> (builder) -> builder.environment("production"))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("property 'seestack.host'");
				assertThat(analysis.getAction()).contains("https").contains("production");
			});
	}

	@Test
	void neverShowsTheApiKeyWhenACustomizerBlanksIt() {
		this.contextRunner.withPropertyValues("seestack.api-key=sk_live_do_not_show")
			.withBean(SeeStackOptionsCustomizer.class, () -> (builder) -> builder.apiKey(" "))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("option 'apiKey' is invalid")
					.doesNotContain("sk_live_do_not_show");
				assertThat(analysis.getAction()).contains("SeeStackOptionsCustomizer")
					.doesNotContain("sk_live_do_not_show");
			});
	}

	@Test
	void stopsStartupWhenTheApiKeyIsRequiredButNotSet(CapturedOutput output) {
		this.contextRunner.withPropertyValues("seestack.api-key=", "seestack.require-api-key=true").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.startsWith("Missing SeeStack API key: property 'seestack.api-key' is not set.")
				.contains("seestack.require-api-key is true");
			assertThat(analysis.getAction()).contains("Set seestack.api-key", "${SEESTACK_API_KEY}",
					"seestack.require-api-key to false");
		});
		assertThat(output).doesNotContain("SeeStack runs in local mode");
	}

	@Test
	void stopsStartupWhenTheRequiredApiKeyIsAnUnresolvedPlaceholderAndNamesTheVariable(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("seestack.api-key=${SEESTACK_TEST_NEVER_SET_4b7e}", "seestack.require-api-key=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.startsWith("Missing SeeStack API key: property 'seestack.api-key' has an unresolved placeholder.")
					.contains("${SEESTACK_TEST_NEVER_SET_4b7e}");
				assertThat(analysis.getAction())
					.startsWith("Set the environment variable SEESTACK_TEST_NEVER_SET_4b7e to the API key");
			});
		// The failure says it all: no warning that SeeStack runs without the key.
		assertThat(output).doesNotContain("SeeStack ignores seestack.api-key");
	}

	@Test
	void startsWhenTheRequiredApiKeyIsSet() {
		this.contextRunner.withPropertyValues("seestack.require-api-key=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void reportsTheMissingRequiredApiKeyWhenARealApplicationFailsToStart(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("seestack.api-key=${SEESTACK_TEST_NEVER_SET_4b7e}", "seestack.require-api-key=true");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Missing SeeStack API key: property 'seestack.api-key' has an unresolved placeholder.")
			.contains("Set the environment variable SEESTACK_TEST_NEVER_SET_4b7e");
	}

	@Test
	void isRegisteredAsAFailureAnalyzer() {
		// Boot's own analyzers need constructor arguments: skip those that cannot be created here.
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, (factoryType, factoryName, failure) -> {
			}))
			.hasAtLeastOneElementOfType(InvalidSeeStackConfigurationFailureAnalyzer.class);
	}

	@Test
	void reportsTheAnalysisWhenARealApplicationFailsToStart(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("seestack.api-key=key", "seestack.project-id=my-project");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid SeeStack configuration: property 'seestack.project-id' has the value 'my-project'")
			.contains("Set seestack.project-id to the project ID");
	}

	private static FailureAnalysis analyze(Throwable failure) {
		FailureAnalysis analysis = new InvalidSeeStackConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SeeStackAutoConfiguration.class)
	static class App {

	}

}
