package io.seestack;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of what a client is doing, for health checks and the Actuator {@code seestack} endpoint.
 *
 * @param mode where events go
 * @param target the ingest host (remote mode) or the outbox file (local mode); never the API key
 * @param disabledReason why the client stopped sending, if it did
 * @param features counters and buffer fill per feature
 * @param recentPayloads the most recent payloads, newest last (local mode only: remote payloads are not kept)
 * @param spool what the spool holds, when there is one
 */
public record SeeStackStatus(Mode mode, String target, @Nullable String disabledReason,
		Map<Feature, FeatureStatus> features, List<RecordedPayload> recentPayloads, @Nullable SpoolStatus spool) {

	/** A status without a spool. */
	public SeeStackStatus(Mode mode, String target, @Nullable String disabledReason, Map<Feature, FeatureStatus> features,
			List<RecordedPayload> recentPayloads) {
		this(mode, target, disabledReason, features, recentPayloads, null);
	}

	/**
	 * @param directory the spool's directory
	 * @param bodies request bodies it holds, waiting to be delivered
	 * @param bytes their size on disk
	 * @param backendDown whether the backend is taken to be down (one probe at a time is sent)
	 */
	public record SpoolStatus(String directory, int bodies, long bytes, boolean backendDown) {
	}

	/** Where events go. */
	public enum Mode {

		/** Nothing is captured: the no-op client. */
		OFF,
		/** Payloads are kept on this machine (a bounded ring and an outbox file), not sent. */
		LOCAL,
		/** Payloads are delivered to the ingest API. */
		REMOTE

	}

	/**
	 * @param sent events accepted by the backend (or recorded, in local mode)
	 * @param dropped events dropped, whatever the reason
	 * @param retried requests retried
	 * @param buffered events waiting to be sent
	 * @param capacity the buffer's capacity
	 */
	public record FeatureStatus(long sent, long dropped, long retried, int buffered, int capacity) {
	}

	/**
	 * One payload as it would have been sent.
	 *
	 * @param path the ingest endpoint path
	 * @param body the JSON body
	 * @param recordedAt when it was recorded
	 */
	public record RecordedPayload(String path, String body, Instant recordedAt) {
	}

}
