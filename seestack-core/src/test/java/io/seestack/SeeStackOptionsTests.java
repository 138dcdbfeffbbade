package io.seestack;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SeeStackOptionsTests {

	@AfterEach
	void resetFacade() {
		SeeStack.close();
	}

	@Test
	void defaultsFollowTheIngestContract() {
		SeeStackOptions options = SeeStackOptions.builder().apiKey("k").build();

		assertThat(options.host()).hasToString("https://api.seestack.io");
		assertThat(options.flushInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.bufferSize()).isEqualTo(500);
		assertThat(options.debug()).isFalse();
		assertThat(options.projectId()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void emptyApiKeyFailsFastSayingWhatToDo(String key) {
		assertThatIllegalArgumentException().isThrownBy(() -> SeeStackOptions.builder().apiKey(key).build())
			.withMessageContaining("apiKey must not be empty")
			.withMessageContaining("project settings");
	}

	@ParameterizedTest
	@ValueSource(strings = { "api.seestack.io", "ftp://api.seestack.io", "https://", "https://host/?q=1",
			"https://user:pw@host", "http://bad host" })
	void malformedHostIsRejected(String host) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SeeStackOptions.builder().apiKey("k").host(host).build())
			.withMessageContaining("is not a valid URL");
	}

	@Test
	void credentialsInAMalformedHostAreNotEchoed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SeeStackOptions.builder().apiKey("k").host("https://admin:hunter2@host/x?y").build())
			.withMessageNotContaining("hunter2")
			.withMessageContaining("[MASKED]");
	}

	@Test
	void projectIdMustBeAUuid() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SeeStackOptions.builder().apiKey("k").projectId("my-project").build())
			.withMessageContaining("'my-project' is not a UUID");
	}

	@Test
	void plainHttpIsRefusedInProductionUnlessTheHostIsLoopback() {
		assertThatIllegalArgumentException().isThrownBy(() -> SeeStackOptions.builder().apiKey("k")
			.host("http://ingest.example.com").environment("production").build())
			.withMessageContaining("use https");
		for (String loopback : new String[] { "http://localhost:8082", "http://127.0.0.1:8082", "http://[::1]:8082" }) {
			assertThat(SeeStackOptions.builder().apiKey("k").host(loopback).environment("production").build().host())
				.hasToString(loopback);
		}
		assertThat(SeeStackOptions.builder().apiKey("k").host("http://ingest.example.com").environment("staging")
			.build().host()).hasToString("http://ingest.example.com");
	}

	@Test
	void nonPositiveFlushIntervalAndBufferSizeAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SeeStackOptions.builder().apiKey("k").flushInterval(Duration.ZERO).build());
		assertThatIllegalArgumentException().isThrownBy(() -> SeeStackOptions.builder().apiKey("k").bufferSize(0).build());
	}

	/** Every check of {@link SeeStackOptions.Builder#build()}, with the option it must name and the value it shows. */
	static Stream<Arguments> invalidOptions() {
		return Stream.of(invalid("apiKey", null, null, (builder) -> builder.apiKey("  ")),
				invalid("host", "api.seestack.io", null, (builder) -> builder.host("api.seestack.io")),
				invalid("host", "ftp://api.seestack.io", null, (builder) -> builder.host("ftp://api.seestack.io")),
				invalid("host", "https://[MASKED]@host", null, (builder) -> builder.host("https://admin:hunter2@host")),
				invalid("host", "http://ingest.example.com", "environment",
						(builder) -> builder.host("http://ingest.example.com").environment("production")),
				invalid("projectId", "my-project", null, (builder) -> builder.projectId("my-project")),
				invalid("flushInterval", "PT0S", null, (builder) -> builder.flushInterval(Duration.ZERO)),
				invalid("flushInterval", "PT-5S", null, (builder) -> builder.flushInterval(Duration.ofSeconds(-5))),
				invalid("bufferSize", "0", null, (builder) -> builder.bufferSize(0)),
				invalid("identicalErrorsPerSecond", "-1", null, (builder) -> builder.identicalErrorsPerSecond(-1)));
	}

	private static Arguments invalid(String option, @Nullable String value, @Nullable String relatedOption,
			UnaryOperator<SeeStackOptions.Builder> setting) {
		return Arguments.of(option, value, relatedOption, setting);
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidOptions")
	void everyRefusedOptionIsNamedAsItsBuilderMethodInATypedException(String option, @Nullable String value,
			@Nullable String relatedOption, UnaryOperator<SeeStackOptions.Builder> setting) {
		SeeStackOptions.Builder builder = setting.apply(SeeStackOptions.builder().apiKey("k"));
		assertThatExceptionOfType(SeeStackConfigurationException.class).isThrownBy(builder::build)
			.isInstanceOf(IllegalArgumentException.class)
			.withMessageContaining("SeeStack " + option)
			.satisfies((ex) -> {
				assertThat(ex.option()).isEqualTo(option);
				assertThat(ex.value()).isEqualTo(value);
				assertThat(ex.relatedOption()).isEqualTo(relatedOption);
			});
		assertThat(Arrays.stream(SeeStackOptions.Builder.class.getMethods()).map(Method::getName))
			.as("builder methods").contains(option);
	}

	@Test
	void plainHttpInProductionNamesTheHostAndSaysTheEnvironmentIsWhy() {
		assertThatExceptionOfType(SeeStackConfigurationException.class).isThrownBy(() -> SeeStackOptions.builder()
			.apiKey("k")
			.host("http://ingest.example.com")
			.environment("production")
			.build())
			.withMessageContaining("plain http while the environment is 'production'")
			.withMessageContaining("use https");
	}

	@Test
	void toStringNeverShowsTheApiKey() {
		assertThat(SeeStackOptions.builder().apiKey("seestack_live_abc").build().toString())
			.doesNotContain("seestack_live_abc").contains("apiKey=[MASKED]");
	}

	@Test
	void secondInitWarnsOnceAndIsIgnored() {
		try (LogCapture logs = new LogCapture()) {
			SeeStack.init(SeeStackOptions.builder().apiKey("first").build());
			SeeStackClient first = SeeStack.getClient();

			SeeStack.init(SeeStackOptions.builder().apiKey("second").build());
			SeeStack.init(SeeStackOptions.builder().apiKey("third").build());

			assertThat(SeeStack.getClient()).isSameAs(first);
			assertThat(logs.warnings()).filteredOn((line) -> line.contains("init was called again")).hasSize(1);
		}
	}

	@Test
	void closeAllowsInitAgain() {
		SeeStack.init(SeeStackOptions.builder().apiKey("first").build());
		SeeStackClient first = SeeStack.getClient();

		SeeStack.close();
		SeeStack.init(SeeStackOptions.builder().apiKey("again").build());

		assertThat(first.isEnabled()).isFalse();
		assertThat(SeeStack.getClient()).isNotSameAs(first);
		assertThat(SeeStack.getClient().isEnabled()).isTrue();
	}

}
