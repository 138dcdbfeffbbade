package io.seestack;

/**
 * What the SDK delivers, one bounded buffer each. Counters, drops and buffer fill are reported per feature.
 */
public enum Feature {
	/** Errors and exceptions: one per request to {@code /ingest/v1/errors}, sent at once. */
	ERRORS("/ingest/v1/errors"),
	/** Log entries: buffered, one per request to {@code /ingest/v1/logs}. */
	LOGS("/ingest/v1/logs"),
	/** HTTP request items: batched, up to 100 per request to {@code /ingest/v1/http-requests}. */
	HTTP_REQUESTS("/ingest/v1/http-requests"),
	/** Cron heartbeats: one per request to {@code /ingest/v1/heartbeat}, sent at once. */
	HEARTBEATS("/ingest/v1/heartbeat");

	private final String path;

	Feature(String path) {
		this.path = path;
	}

	/** The ingest endpoint path, relative to the configured host. */
	public String path() {
		return path;
	}
}
