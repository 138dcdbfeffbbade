package io.seestack.transport;

import java.nio.charset.StandardCharsets;

import io.seestack.Feature;

/**
 * One request to the ingest API.
 *
 * @param feature what the body holds, which fixes the endpoint path
 * @param body the JSON body, UTF-8
 * @param itemCount how many events the body carries (more than one only for batched HTTP request items)
 */
public record TransportRequest(Feature feature, byte[] body, int itemCount) {

	/** The endpoint path, such as {@code /ingest/v1/errors}. */
	public String path() {
		return this.feature.path();
	}

	/** The body as text. */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}
