package io.seestack.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.seestack.SeeStackClient;
import io.seestack.SeeStackStatus;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code seestack.*} text property whose placeholder nothing resolves is a configuration mistake: one warning
 * that names the property and the variable, and SeeStack runs as if the property were absent. Above all the
 * README's {@code api-key: ${SEESTACK_API_KEY}} with the variable unset, which used to send the literal text as the
 * key, get a 401 and switch SeeStack off.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnresolvedPlaceholdersTests {

	private static final String UNSET = "SEESTACK_TEST_NEVER_SET_4b7e";

	private static final String IGNORES_API_KEY = "SeeStack ignores seestack.api-key";

	private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

	private static IngestServer ingest;

	@TempDir
	Path temp;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeeStackAutoConfiguration.class));

	@BeforeAll
	static void startIngest() {
		ingest = IngestServer.start();
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@BeforeEach
	void resetIngest() {
		ingest.reset();
	}

	@Test
	void theReadmeSnippetWithTheVariableUnsetRunsInLocalModeAndSendsNothing(CapturedOutput output) {
		try (ConfigurableApplicationContext context = runWithTheReadmeSnippet(
				"seestack.local.outbox=" + this.temp.resolve("outbox.jsonl"))) {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			assertThat(client.status().mode()).isEqualTo(SeeStackStatus.Mode.LOCAL);
			assertThat(client.isEnabled()).isTrue();
			client.captureError(new IllegalStateException("kept locally"));
			await().until(() -> !client.status().recentPayloads().isEmpty());
			client.flush(Duration.ofSeconds(5));
			assertThat(client.status().disabledReason()).isNull();
		}
		assertThat(ingest.received()).isEmpty();
		assertThat(occurrences(output.getAll(), IGNORES_API_KEY)).isOne();
		assertThat(line(output, IGNORES_API_KEY)).contains("WARN", "${SEESTACK_API_KEY}", "SEESTACK_API_KEY",
				"runs as if seestack.api-key were not set");
		assertThat(output).contains("SeeStack runs in local mode").doesNotContain("rejected");
	}

	@Test
	void theReadmeSnippetWithTheVariableUnsetAndLocalModeOffIsOff(CapturedOutput output) {
		try (ConfigurableApplicationContext context = runWithTheReadmeSnippet("seestack.local.enabled=false")) {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			assertThat(client).isSameAs(SeeStackClient.noop());
			client.captureError(new IllegalStateException("goes nowhere"));
		}
		assertThat(ingest.received()).isEmpty();
		assertThat(occurrences(output.getAll(), IGNORES_API_KEY)).isOne();
		assertThat(output).contains("SeeStack is off: seestack.api-key is not set");
	}

	@Test
	void putsEveryTextPropertyWithAnUnresolvedPlaceholderBackToItsDefault(CapturedOutput output) {
		List<String> keys = textKeys();
		assertThat(keys).contains("seestack.api-key", "seestack.host", "seestack.user.id-claim",
				"seestack.trusted-proxies", "seestack.http.exclude-paths", "seestack.local.outbox");
		SeeStackProperties defaults = new SeeStackProperties();
		for (String key : keys) {
			this.contextRunner.withPropertyValues(key + "=${" + UNSET + "}").run((context) -> {
				assertThat(context).hasNotFailed();
				SeeStackProperties properties = context.getBean(SeeStackProperties.class);
				assertThat(properties.ignoredPlaceholders()).as(key).containsOnlyKeys(key);
				assertThat(properties.ignoredPlaceholders().get(key)).as(key).containsExactly(UNSET);
				assertThat(new BeanWrapperImpl(properties).getPropertyValue(beanPath(key))).as(key)
					.isEqualTo(new BeanWrapperImpl(defaults).getPropertyValue(beanPath(key)));
			});
			assertThat(occurrences(output.getAll(), "SeeStack ignores " + key + ":")).as(key).isOne();
		}
	}

	@Test
	void namesThePlaceholderButNeverTheRestOfTheValue(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("seestack.api-key=sk_live_do_not_show_${" + UNSET + "}",
					"seestack.local.outbox=" + this.temp.resolve("outbox.jsonl"))
			.run((context) -> assertThat(context.getBean(SeeStackClient.class).status().mode())
				.isEqualTo(SeeStackStatus.Mode.LOCAL));
		assertThat(line(output, IGNORES_API_KEY)).contains(UNSET);
		assertThat(output).doesNotContain("sk_live_do_not_show");
	}

	@Test
	void putsBackAListWithOneUnresolvedEntryAsAWhole() {
		this.contextRunner
			.withPropertyValues("seestack.trusted-proxies=10.0.0.0/8,${" + UNSET + "}",
					"seestack.local.outbox=" + this.temp.resolve("outbox.jsonl"))
			.run((context) -> assertThat(context.getBean(SeeStackProperties.class).getTrustedProxies()).isEmpty());
	}

	@Test
	void leavesResolvedPlaceholdersAndEmptyDefaultsAlone(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("seestack.api-key=${" + UNSET + ":}", "seestack.environment=${stage}",
					"stage=staging", "seestack.local.outbox=" + this.temp.resolve("outbox.jsonl"))
			.run((context) -> {
				SeeStackProperties properties = context.getBean(SeeStackProperties.class);
				assertThat(properties.ignoredPlaceholders()).isEmpty();
				assertThat(properties.getEnvironment()).isEqualTo("staging");
				assertThat(context.getBean(SeeStackClient.class).status().mode())
					.isEqualTo(SeeStackStatus.Mode.LOCAL);
			});
		assertThat(output).doesNotContain("SeeStack ignores");
	}

	/**
	 * Runs an application with the YAML of the README (where the user adds the starter), on a host that is the
	 * ingest server, and without the process's environment variables, so that {@code SEESTACK_API_KEY} is unset.
	 */
	private static ConfigurableApplicationContext runWithTheReadmeSnippet(String... properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		readmeSnippet().forEach(environment.getPropertySources()::addLast);
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("seestack.host=" + ingest.url());
		return new SpringApplicationBuilder(App.class).environment(environment)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

	/** The YAML block of the README that holds {@code api-key}, as property sources. */
	private static List<PropertySource<?>> readmeSnippet() {
		try {
			Matcher blocks = YAML_BLOCK.matcher(Files.readString(Path.of("../README.md")));
			while (blocks.find()) {
				if (blocks.group(1).contains("api-key:")) {
					assertThat(blocks.group(1)).contains("api-key: ${SEESTACK_API_KEY}");
					return new YamlPropertySourceLoader().load("README.md",
							new ByteArrayResource(blocks.group(1).getBytes()));
				}
			}
			throw new AssertionError("No YAML block with api-key in README.md");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The keys of the generated metadata whose values are text: strings, lists of strings, paths. */
	private static List<String> textKeys() {
		Set<String> textTypes = Set.of("java.lang.String", "java.util.List<java.lang.String>", "java.nio.file.Path");
		List<String> keys = new ArrayList<>();
		JsonMapper.builder()
			.build()
			.readTree(Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile())
			.get("properties")
			.forEach((property) -> {
				String name = property.get("name").asString();
				// the keys of SeeStackProperties; the sign-in salt, in its own class, is checked where it is used
				if (name.startsWith("seestack.") && textTypes.contains(property.get("type").asString())
						&& property.path("sourceType").asString().startsWith(SeeStackProperties.class.getName())) {
					keys.add(name);
				}
			});
		return keys;
	}

	/** {@code seestack.user.id-claim} as {@code user.idClaim}. */
	private static String beanPath(String key) {
		String path = key.substring("seestack.".length());
		Matcher dash = Pattern.compile("-([a-z])").matcher(path);
		StringBuilder camel = new StringBuilder();
		while (dash.find()) {
			dash.appendReplacement(camel, dash.group(1).toUpperCase(Locale.ROOT));
		}
		return dash.appendTail(camel).toString();
	}

	private static String line(CapturedOutput output, String part) {
		return output.getAll().lines().filter((line) -> line.contains(part)).findFirst().orElseThrow();
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SeeStackAutoConfiguration.class)
	static class App {

	}

}
