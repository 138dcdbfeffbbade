package io.seestack.testsupport;

import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * The project's own JSON Schemas for the request bodies of the SeeStack ingest API, with format assertions on (so
 * {@code uuid} and {@code date-time} are checked).
 */
public final class IngestSchemas {

	private static final Map<String, String> SCHEMA_BY_PATH = Map.of("/ingest/v1/errors", "errors",
			"/ingest/v1/logs", "logs", "/ingest/v1/http-requests", "http-requests", "/ingest/v1/heartbeat",
			"heartbeat");

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
			SpecificationVersion.DRAFT_2020_12, (builder) -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	private static final Map<String, Schema> SCHEMAS = loadAll();

	private IngestSchemas() {
	}

	/** The violations of the body sent to {@code path}; empty when valid. Unknown paths are a violation. */
	public static List<String> violations(String path, JsonNode body) {
		Schema schema = SCHEMAS.get(path);
		if (schema == null) {
			return List.of("no ingest endpoint at " + path);
		}
		return schema.validate(body).stream().map(Error::toString).toList();
	}

	private static Map<String, Schema> loadAll() {
		Map<String, Schema> schemas = new java.util.HashMap<>();
		SCHEMA_BY_PATH.forEach((path, name) -> schemas.put(path, REGISTRY
			.getSchema(SchemaLocation.of("classpath:io/seestack/testsupport/schemas/" + name + ".schema.json"))));
		return Map.copyOf(schemas);
	}

}
