package io.seestack.spring.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;

import io.seestack.SeeStackOptions;
import io.seestack.spring.autoconfigure.InvalidSeeStackConfigurationException.OptionProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OptionProperty}, the table from a core option to the {@code seestack.*} property that sets it:
 * a startup failure names the property that the core's {@link io.seestack.SeeStackConfigurationException#option()}
 * points at, so a wrong or missing row would send the user to the wrong property, or to none.
 */
class OptionPropertyTests {

	/**
	 * A value for each option's property, as written in a property source and as the property then holds it. Keyed
	 * by option, so that a row with a misspelt property binds nothing and shows the default instead.
	 */
	private static final Map<String, Sample> SAMPLES = Map.ofEntries(
			Map.entry("apiKey", new Sample("sample-key", "sample-key")),
			Map.entry("host", new Sample("https://ingest.example.com", "https://ingest.example.com")),
			Map.entry("projectId",
					new Sample("123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-426614174000")),
			Map.entry("environment", new Sample("staging", "staging")),
			Map.entry("release", new Sample("2.4.1", "2.4.1")),
			Map.entry("serviceName", new Sample("billing", "billing")),
			Map.entry("flushInterval", new Sample("7s", "PT7S")), Map.entry("bufferSize", new Sample("7", "7")),
			Map.entry("identicalErrorsPerSecond", new Sample("7", "7")),
			Map.entry("debug", new Sample("true", "true")),
			Map.entry("memoryLimit", new Sample("2MB", "2097152")),
			Map.entry("captureUncaughtExceptions", new Sample("false", "false")),
			Map.entry("spool", new Sample("/var/tmp/spool", "/var/tmp/spool")),
			Map.entry("local", new Sample("/var/tmp/outbox.jsonl", "/var/tmp/outbox.jsonl")));

	@Test
	void everyBuilderOptionHasAPropertyOrIsSetOnlyByACustomizer() {
		String[] options = Arrays.stream(SeeStackOptions.Builder.class.getDeclaredMethods())
			.filter((method) -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
			.filter((method) -> method.getReturnType() == SeeStackOptions.Builder.class)
			.map(Method::getName)
			.distinct()
			.toArray(String[]::new);
		assertThat(options).as("options of SeeStackOptions.Builder").isNotEmpty();
		for (String option : options) {
			boolean mapped = OptionProperty.forOption(option) != null;
			boolean customizerOnly = InvalidSeeStackConfigurationException.CUSTOMIZER_ONLY_OPTIONS.contains(option);
			assertThat(mapped ^ customizerOnly)
				.as("'%s' either maps to a seestack.* property or is listed as customizer-only, not both", option)
				.isTrue();
		}
		assertThat(InvalidSeeStackConfigurationException.CUSTOMIZER_ONLY_OPTIONS).as("customizer-only options")
			.isSubsetOf(options);
		assertThat(OptionProperty.values()).extracting((mapping) -> mapping.option)
			.as("mapped options")
			.isSubsetOf(options);
	}

	@ParameterizedTest
	@EnumSource
	void eachPropertyExistsAndGivesTheValueOfItsOption(OptionProperty mapping) {
		Sample sample = SAMPLES.get(mapping.option);
		assertThat(sample).as("a sample value for %s", mapping.option).isNotNull();
		SeeStackProperties properties = new Binder(
				new MapConfigurationPropertySource(Map.of(mapping.property, sample.given())))
			.bindOrCreate("seestack", SeeStackProperties.class);
		assertThat(String.valueOf(mapping.valueIn(properties)))
			.as("%s bound to %s, read back for %s", sample.given(), mapping.property, mapping.option)
			.isEqualTo(sample.held());
	}

	private record Sample(String given, String held) {

	}

}
