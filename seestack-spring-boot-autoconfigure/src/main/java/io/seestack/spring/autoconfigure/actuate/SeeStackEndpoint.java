package io.seestack.spring.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.seestack.Feature;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator {@code seestack} endpoint: what the SDK is doing, from its {@link SeeStackClient#status() status}.
 * Its JSON is
 * <pre>{@code
 * {"mode": "LOCAL" | "REMOTE" | "OFF", "target": "...", "disabledReason": null | "...",
 *  "features": {"ERRORS": {"sent": 0, "dropped": 0, "retried": 0, "buffered": 0, "capacity": 500}, "LOGS": {...},
 *               "HTTP_REQUESTS": {...}, "HEARTBEATS": {...}},
 *  "recentPayloads": [{"path": "/ingest/v1/errors", "recordedAt": "2026-01-01T12:00:00Z", "body": {...}}],
 *  "spool": null | {"directory": "...", "bodies": 0, "bytes": 0, "backendDown": false}}
 * }</pre>
 * The target is the outbox file in local mode and the ingest host in remote mode. The recent payloads, oldest
 * first, are kept in local mode only; each body is the JSON object that would have been sent, shown only as
 * {@code show-values} allows (by default to an authenticated user), else as {@code "******"}. Every feature is
 * listed, with zeros when the client is off. The API key is never shown.
 */
@Endpoint(id = "seestack")
public class SeeStackEndpoint {

	private static final String HIDDEN = "\"******\"";

	private final SeeStackClient client;

	private final Show showValues;

	private final Set<String> roles;

	/**
	 * @param client the client whose status it shows
	 * @param showValues when the payload bodies are shown
	 * @param roles the roles that see them when {@code showValues} is {@link Show#WHEN_AUTHORIZED}
	 */
	public SeeStackEndpoint(SeeStackClient client, Show showValues, Set<String> roles) {
		this.client = client;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	@ReadOperation
	public SeeStackDescriptor seestack(SecurityContext securityContext) {
		boolean showBodies = this.showValues.isShown(securityContext, this.roles);
		SeeStackStatus status = this.client.status();
		Map<String, FeatureDescriptor> features = new LinkedHashMap<>();
		for (Feature feature : Feature.values()) {
			SeeStackStatus.FeatureStatus counts = status.features().get(feature);
			features.put(feature.name(), (counts != null) ? new FeatureDescriptor(counts.sent(), counts.dropped(),
					counts.retried(), counts.buffered(), counts.capacity()) : new FeatureDescriptor(0, 0, 0, 0, 0));
		}
		List<PayloadDescriptor> payloads = status.recentPayloads()
			.stream()
			.map((payload) -> new PayloadDescriptor(payload.path(), payload.recordedAt().toString(),
					showBodies ? payload.body() : HIDDEN))
			.toList();
		SeeStackStatus.SpoolStatus spool = status.spool();
		return new SeeStackDescriptor(status.mode().name(), status.target(), status.disabledReason(), features,
				payloads, (spool != null) ? new SpoolDescriptor(spool.directory(), spool.bodies(), spool.bytes(),
						spool.backendDown()) : null);
	}

	/**
	 * What the SDK is doing.
	 *
	 * @param mode {@code LOCAL}, {@code REMOTE} or {@code OFF}
	 * @param target the outbox file (local mode), the ingest host (remote mode), or {@code none}
	 * @param disabledReason why the client stopped sending, or {@code null} (always written, even as null)
	 * @param features counters and buffer fill per feature, by feature name
	 * @param recentPayloads the most recent payloads, oldest first (local mode only)
	 * @param spool what the spool holds, or {@code null} without one (always written, even as null)
	 */
	public record SeeStackDescriptor(String mode, String target,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String disabledReason,
			Map<String, FeatureDescriptor> features, List<PayloadDescriptor> recentPayloads,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable SpoolDescriptor spool)
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
	 * What the spool holds.
	 *
	 * @param directory its directory
	 * @param bodies request bodies waiting to be delivered
	 * @param bytes their size on disk
	 * @param backendDown whether the backend is taken to be down (one probe at a time is sent)
	 */
	public record SpoolDescriptor(String directory, int bodies, long bytes, boolean backendDown) {

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
