package io.seestack.spring.autoconfigure;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that IDEs read, as generated into {@code target/classes}: every key is there with a
 * description.
 */
class ConfigurationMetadataTests {

	private static final List<String> KEYS = List.of("seestack.enabled", "seestack.api-key",
			"seestack.require-api-key", "seestack.host",
			"seestack.project-id", "seestack.environment", "seestack.release", "seestack.service-name",
			"seestack.flush-interval", "seestack.buffer-size", "seestack.identical-errors-per-second",
			"seestack.debug", "seestack.capture-uncaught-exceptions", "seestack.memory-limit", "seestack.send-default-pii",
			"seestack.trusted-proxies", "seestack.user.ip", "seestack.user.id-claim", "seestack.user.email-claim",
			"seestack.user.username-claim", "seestack.exceptions.enabled", "seestack.exceptions.minimum-status",
			"seestack.exceptions.ignored", "seestack.http.enabled", "seestack.http.exclude-paths",
			"seestack.http.sample-rate", "seestack.http.outbound.enabled", "seestack.http.outbound.propagate-trace",
			"seestack.security.enabled", "seestack.reactor.context-propagation", "seestack.local.enabled",
			"seestack.local.outbox", "seestack.spool.enabled", "seestack.spool.directory", "seestack.spool.max-size",
			"seestack.spool.max-age",
			"seestack.replay.session-header", "seestack.logs.enabled", "seestack.logs.minimum-level",
			"seestack.logs.include-loggers", "seestack.logs.exclude-loggers", "seestack.logs.mdc-keys",
			"seestack.mdc.enabled", "seestack.mdc.user-id-key", "seestack.mdc.trace-id-key",
			"seestack.mdc.session-id-key", "seestack.health.down-when-failing",
			"seestack.scheduling.enabled", "seestack.scheduling.monitors", "seestack.security.sign-ins.mode",
			"seestack.security.sign-ins.salt", "seestack.security.sign-ins.brute-force.threshold",
			"seestack.security.sign-ins.brute-force.window",
			"seestack.compatibility-verifier.enabled",
			// generated from @Endpoint(id = "seestack"), and SeeStackEndpointProperties
			"management.endpoint.seestack.access", "management.endpoint.seestack.show-values",
			"management.endpoint.seestack.roles");

	private final JsonNode metadata = JsonMapper.builder()
		.build()
		.readTree(Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());

	@Test
	void describesEveryKey() {
		Map<String, JsonNode> properties = new HashMap<>();
		this.metadata.get("properties").forEach((property) -> properties.put(property.get("name").asString(), property));
		assertThat(properties).containsOnlyKeys(KEYS);
		properties.forEach((name, property) -> assertThat(property.path("description").asString())
			.as("description of %s", name)
			.isNotBlank());
	}

	@Test
	void documentsTheDefaults() {
		Map<String, String> defaults = new HashMap<>();
		this.metadata.get("properties")
			.forEach((property) -> defaults.put(property.get("name").asString(),
					property.path("defaultValue").toString()));
		assertThat(defaults).containsEntry("seestack.host", "\"https://api.seestack.io\"")
			.containsEntry("seestack.flush-interval", "\"5s\"")
			.containsEntry("seestack.buffer-size", "500")
			.containsEntry("seestack.identical-errors-per-second", "10")
			.containsEntry("seestack.send-default-pii", "false")
			.containsEntry("seestack.http.exclude-paths", "[\"/actuator/**\"]")
			.containsEntry("seestack.exceptions.minimum-status", "500")
			.containsEntry("seestack.local.enabled", "true")
			.containsEntry("seestack.require-api-key", "false")
			.containsEntry("seestack.health.down-when-failing", "false")
			.containsEntry("seestack.http.outbound.enabled", "true")
			.containsEntry("seestack.http.outbound.propagate-trace", "false")
			.containsEntry("seestack.scheduling.enabled", "true")
			.containsEntry("seestack.security.sign-ins.mode", "\"anonymize\"")
			.containsEntry("seestack.security.sign-ins.brute-force.threshold", "10")
			.containsEntry("seestack.security.sign-ins.brute-force.window", "\"1m\"");
	}

	@Test
	void offersTheValuesOfUserIp() {
		JsonNode hint = null;
		for (JsonNode candidate : this.metadata.get("hints")) {
			if (candidate.get("name").asString().equals("seestack.user.ip")) {
				hint = candidate;
			}
		}
		assertThat(hint).isNotNull();
		assertThat(hint.get("values").valueStream().map((value) -> value.get("value").asString()))
			.containsExactly("full", "anonymized", "none");
		hint.get("values")
			.forEach((value) -> assertThat(value.path("description").asString()).isNotBlank());
	}

}
