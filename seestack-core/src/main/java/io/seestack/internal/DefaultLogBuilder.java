package io.seestack.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.seestack.Level;
import io.seestack.LogBuilder;
import io.seestack.User;
import org.jspecify.annotations.Nullable;

/** Collects one entry's parts on the caller's thread; {@link #log} hands them to the client, once. */
final class DefaultLogBuilder implements LogBuilder {

	/** The metadata key of the labels of a log entry. */
	static final String LABELS = "labels";

	/** The metadata key of a log entry's correlation id. */
	static final String CORRELATION_ID = "correlationId";

	private final DefaultSeeStackClient client;

	private final Map<String, @Nullable Object> metadata = new LinkedHashMap<>();

	private @Nullable List<String> labels;

	private @Nullable Map<String, String> tags;

	private @Nullable String correlationId;

	private @Nullable User user;

	private @Nullable String traceId;

	private @Nullable Instant timestamp;

	private boolean sent;

	DefaultLogBuilder(DefaultSeeStackClient client) {
		this.client = client;
	}

	@Override
	public LogBuilder labels(String... labels) {
		if (labels != null) {
			if (this.labels == null) {
				this.labels = new ArrayList<>(labels.length);
			}
			for (String label : labels) {
				if (label != null) {
					this.labels.add(label);
				}
			}
		}
		return this;
	}

	@Override
	public LogBuilder tag(String key, @Nullable String value) {
		if (key != null && value != null) {
			if (this.tags == null) {
				this.tags = new LinkedHashMap<>();
			}
			this.tags.put(key, value);
		}
		return this;
	}

	@Override
	public LogBuilder with(String key, @Nullable Object value) {
		if (key != null) {
			this.metadata.put(key, value);
		}
		return this;
	}

	@Override
	public LogBuilder correlationId(@Nullable String correlationId) {
		this.correlationId = correlationId;
		return this;
	}

	@Override
	public LogBuilder user(@Nullable User user) {
		this.user = user;
		return this;
	}

	@Override
	public LogBuilder traceId(@Nullable String traceId) {
		this.traceId = traceId;
		return this;
	}

	@Override
	public LogBuilder timestamp(@Nullable Instant timestamp) {
		this.timestamp = timestamp;
		return this;
	}

	@Override
	public void log(Level level, @Nullable String message) {
		if (this.sent) {
			return;
		}
		this.sent = true;
		if (this.labels != null && !this.labels.isEmpty()) {
			this.metadata.put(LABELS, this.labels);
		}
		this.client.captureLog(level, message, this.metadata, this.user, this.traceId,
				(this.tags != null) ? this.tags : Map.of(), this.correlationId, this.timestamp);
	}

}
