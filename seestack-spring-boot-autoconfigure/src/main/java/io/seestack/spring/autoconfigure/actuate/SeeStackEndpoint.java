package io.seestack.spring.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.seestack.Feature;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator {@code seestack} endpoint: what the SDK is doing, from its {@link SeeStackClient#status() status}.
 * Its JSON is
 * <pre>{@code
 * {"mode": "LOCAL" | "REMOTE" | "OFF", "target": "...", "disabledReason": null | "...",
 *  "features": {"ERRORS": {"sent": 0, "dropped": 0, "retried": 0, "buffered": 0, "capacity": 500}, "LOGS": {...},
 *               "HTTP_REQUESTS": {...}, "HEARTBEATS": {...}},
 *  "recentPayloads": [{"path": "/ingest/v1/errors", "recordedAt": "2026-01-01T12:00:00Z", "body": {...}}]}
 * }</pre>
 * The target is the outbox file in local mode and the ingest host in remote mode. The recent payloads, oldest
 * first, are kept in local mode only; each body is the JSON object that would have been sent. Every feature is
 * listed, with zeros when the client is off. The API key is never shown.
 */
@Endpoint(id = "seestack")
public class SeeStackEndpoint {

	private final SeeStackClient client;

	public SeeStackEndpoint(SeeStackClient client) {
		this.client = client;
	}

	@ReadOperation
	public SeeStackDescriptor seestack() {
		SeeStackStatus status = this.client.status();
		Map<String, FeatureDescriptor> features = new LinkedHashMap<>();
		for (Feature feature : Feature.values()) {
			SeeStackStatus.FeatureStatus counts = status.features().get(feature);
			features.put(feature.name(), (counts != null) ? new FeatureDescriptor(counts.sent(), counts.dropped(),
					counts.retried(), counts.buffered(), counts.capacity()) : new FeatureDescriptor(0, 0, 0, 0, 0));
		}
		List<PayloadDescriptor> payloads = status.recentPayloads()
			.stream()
			.map((payload) -> new PayloadDescriptor(payload.path(), payload.recordedAt().toString(), payload.body()))
			.toList();
		return new SeeStackDescriptor(status.mode().name(), status.target(), status.disabledReason(), features,
				payloads);
	}

	/**
	 * What the SDK is doing.
	 *
	 * @param mode {@code LOCAL}, {@code REMOTE} or {@code OFF}
	 * @param target the outbox file (local mode), the ingest host (remote mode), or {@code none}
	 * @param disabledReason why the client stopped sending, or {@code null} (always written, even as null)
	 * @param features counters and buffer fill per feature, by feature name
	 * @param recentPayloads the most recent payloads, oldest first (local mode only)
	 */
	public record SeeStackDescriptor(String mode, String target,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String disabledReason,
			Map<String, FeatureDescriptor> features, List<PayloadDescriptor> recentPayloads)
			implements OperationResponseBody {

	}

	/**
	 * Counters and buffer fill of one feature.
	 *
	 * @param sent events accepted by the backend, or recorded in local mode
	 * @param dropped events dropped, whatever the reason
	 * @param retried requests retried
	 * @param buffered events waiting to be sent
	 * @param capacity the buffer's capacity
	 */
	public record FeatureDescriptor(long sent, long dropped, long retried, int buffered, int capacity) {

	}

	/**
	 * One payload as it would have been sent.
	 *
	 * @param path the ingest endpoint path, such as {@code /ingest/v1/errors}
	 * @param recordedAt when it was recorded, as an ISO-8601 instant
	 * @param body the JSON body, written as a JSON object rather than a string
	 */
	public record PayloadDescriptor(String path, String recordedAt, @JsonRawValue String body) {

	}

}
