package io.seestack.testsupport;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One request the {@link IngestServer} received.
 *
 * @param path the request path, such as {@code /ingest/v1/errors}
 * @param headers the headers, names in lower case
 * @param body the raw body
 * @param json the parsed body
 */
public record ReceivedRequest(String path, Map<String, String> headers, String body, JsonNode json) {

	public @Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
	}

}
