package io.seestack.spring.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.seestack.SeeStackClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /actuator/seestack} over HTTP in a full application that runs in local mode (no API key): the JSON
 * that the sample app's page reads.
 */
@SpringBootTest(classes = SeeStackEndpointHttpIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=seestack")
class SeeStackEndpointHttpIntegrationTests {

	@TempDir
	static Path temp;

	@LocalServerPort
	int port;

	@Autowired
	SeeStackClient client;

	@DynamicPropertySource
	static void outbox(DynamicPropertyRegistry registry) {
		registry.add("seestack.local.outbox", () -> temp.resolve("outbox.jsonl").toString());
	}

	@Test
	void showsTheModeTheCountersAndTheCapturedErrorAsAJsonObject() throws Exception {
		this.client.captureError(new IllegalStateException("shown by the endpoint"));
		await().until(() -> !this.client.status().recentPayloads().isEmpty());

		Map<String, Object> anonymous = get(null);
		assertThat(anonymous.get("recentPayloads")).as("bodies hidden from an anonymous caller by default")
			.asInstanceOf(LIST)
			.singleElement()
			.asInstanceOf(MAP)
			.containsEntry("body", "******");

		Map<String, Object> json = get(
				"Basic " + java.util.Base64.getEncoder().encodeToString("ops:ops-password".getBytes()));
		assertThat(json).containsOnlyKeys("mode", "target", "disabledReason", "features", "recentPayloads", "spool")
			.containsEntry("spool", null)
			.containsEntry("mode", "LOCAL")
			.containsEntry("target", temp.resolve("outbox.jsonl").toAbsolutePath().toString())
			.containsEntry("disabledReason", null);
		assertThat(json.get("features")).asInstanceOf(MAP)
			.containsOnlyKeys("ERRORS", "LOGS", "HTTP_REQUESTS", "HEARTBEATS")
			.allSatisfy((feature, counts) -> assertThat(counts).asInstanceOf(MAP)
				.containsOnlyKeys("sent", "dropped", "retried", "buffered", "capacity"))
			.extractingByKey("ERRORS", MAP)
			.containsEntry("sent", 1);
		assertThat(json.get("recentPayloads")).asInstanceOf(LIST).singleElement().asInstanceOf(MAP).satisfies((payload) -> {
			assertThat(payload).containsOnlyKeys("path", "recordedAt", "body").containsEntry("path", "/ingest/v1/errors");
			assertThat(Instant.parse((String) payload.get("recordedAt"))).isBeforeOrEqualTo(Instant.now());
			assertThat(payload.get("body")).asInstanceOf(MAP)
				.containsEntry("message", "shown by the endpoint")
				.hasEntrySatisfying("exceptionClass",
						(type) -> assertThat(type).isEqualTo(IllegalStateException.class.getName()));
		});
	}

	private Map<String, Object> get(String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(
				URI.create("http://localhost:" + this.port + "/actuator/seestack"));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readValue(response.body(), new TypeReference<Map<String, Object>>() {
		});
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		SecurityFilterChain permitAll(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.httpBasic(org.springframework.security.config.Customizer.withDefaults())
				.build();
		}

		@Bean
		org.springframework.security.core.userdetails.UserDetailsService operators() {
			return new org.springframework.security.provisioning.InMemoryUserDetailsManager(
					org.springframework.security.core.userdetails.User.withUsername("ops")
						.password("{noop}ops-password")
						.roles("OPS")
						.build());
		}

	}

}
