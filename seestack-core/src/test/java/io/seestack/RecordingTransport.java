package io.seestack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.seestack.testsupport.IngestSchemas;
import io.seestack.transport.Transport;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-memory transport for tests that send many thousands of events: answers 202 and keeps every body, checked
 * against the same JSON Schemas as the loopback {@code IngestServer}.
 */
public final class RecordingTransport implements Transport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<TransportRequest> requests = new CopyOnWriteArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
		this.requests.add(request);
		for (String violation : IngestSchemas.violations(request.path(), JSON.readTree(request.body()))) {
			this.violations.add(request.path() + ": " + violation + " in " + request.bodyAsString());
		}
		return CompletableFuture.completedFuture(new TransportResponse(202, null));
	}

	/** Bodies sent for the feature, each checked against its schema. */
	public List<JsonNode> bodies(Feature feature) {
		if (!this.violations.isEmpty()) {
			throw new AssertionError("invalid payloads:\n" + String.join("\n", this.violations));
		}
		List<JsonNode> bodies = new ArrayList<>();
		for (TransportRequest request : this.requests) {
			if (request.feature() == feature) {
				bodies.add(JSON.readTree(request.body()));
			}
		}
		return bodies;
	}

	/** HTTP request items, unpacked from their batches. */
	public List<JsonNode> httpItems() {
		List<JsonNode> items = new ArrayList<>();
		bodies(Feature.HTTP_REQUESTS).forEach((body) -> body.get("requests").forEach(items::add));
		return items;
	}

}
