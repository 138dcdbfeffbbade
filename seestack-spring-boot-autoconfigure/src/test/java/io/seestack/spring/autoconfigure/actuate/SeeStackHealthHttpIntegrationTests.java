package io.seestack.spring.autoconfigure.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.seestack.SeeStackClient;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /actuator/health} over HTTP in a full application whose API key the backend rejects (401): SeeStack
 * does not take the application's health down unless asked to, and the readiness recipe of
 * {@code docs/configuration.md} takes the application out of traffic without ever failing its liveness.
 */
class SeeStackHealthHttpIntegrationTests {

	private static final Pattern READINESS_RECIPE = Pattern
		.compile("<!-- readiness recipe: SeeStackHealthHttpIntegrationTests -->\\n```yaml\\n(.*?)```", Pattern.DOTALL);

	private static IngestServer ingest;

	@BeforeAll
	static void startIngest() {
		ingest = IngestServer.start();
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@Test
	void aRejectedApiKeyLeavesTheApplicationUpWithTheReasonInTheSeeStackComponent() {
		try (ConfigurableApplicationContext context = start(List.of())) {
			awaitRejectedKey(context);
			HttpResponse<String> response = get(context, "/actuator/health");
			assertThat(response.statusCode()).isEqualTo(200);
			Map<String, Object> health = json(response);
			assertThat(health).containsEntry("status", "UP");
			assertThat(health.get("components")).asInstanceOf(MAP)
				.extractingByKey("seestack", MAP)
				.containsEntry("status", "UNKNOWN")
				.extractingByKey("details", MAP)
				.hasEntrySatisfying("reason", (reason) -> assertThat(reason.toString()).contains("401"));
		}
	}

	@Test
	void aRejectedApiKeyTakesTheApplicationDownWhenDownWhenFailingIsOn() {
		try (ConfigurableApplicationContext context = start(List.of(), "seestack.health.down-when-failing=true")) {
			awaitRejectedKey(context);
			HttpResponse<String> response = get(context, "/actuator/health");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(json(response)).containsEntry("status", "DOWN");
		}
	}

	@Test
	void theReadinessRecipeTakesTheApplicationOutOfTrafficButLeavesItAlive() {
		try (ConfigurableApplicationContext context = start(readinessRecipe())) {
			assertThat(get(context, "/actuator/health/readiness").statusCode()).as("before the 401").isEqualTo(200);
			awaitRejectedKey(context);
			HttpResponse<String> readiness = get(context, "/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(json(readiness)).containsEntry("status", "DOWN");
			HttpResponse<String> liveness = get(context, "/actuator/health/liveness");
			assertThat(liveness.statusCode()).isEqualTo(200);
			assertThat(json(liveness)).containsEntry("status", "UP");
		}
	}

	private static ConfigurableApplicationContext start(List<PropertySource<?>> sources, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"seestack.api-key=rejected-by-the-backend", "seestack.host=" + ingest.url(),
				"management.endpoint.health.show-details=always"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(App.class).properties(all.toArray(String[]::new))
			.initializers((context) -> sources.forEach(context.getEnvironment().getPropertySources()::addFirst))
			.run();
	}

	private static void awaitRejectedKey(ConfigurableApplicationContext context) {
		SeeStackClient client = context.getBean(SeeStackClient.class);
		client.captureError(new IllegalStateException("sent with a rejected key"));
		await().atMost(Duration.ofSeconds(10)).until(() -> client.disabledReason().isPresent());
	}

	/** The YAML of the readiness recipe in {@code docs/configuration.md}, as property sources. */
	private static List<PropertySource<?>> readinessRecipe() {
		try {
			Matcher recipe = READINESS_RECIPE.matcher(Files.readString(Path.of("../docs/configuration.md")));
			assertThat(recipe.find()).as("the readiness recipe in docs/configuration.md").isTrue();
			return new YamlPropertySourceLoader().load("readiness recipe",
					new ByteArrayResource(recipe.group(1).getBytes()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, String path) {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> json(HttpResponse<String> response) {
		return JsonMapper.builder().build().readValue(response.body(), new TypeReference<Map<String, Object>>() {
		});
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		SecurityFilterChain permitAll(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

}
