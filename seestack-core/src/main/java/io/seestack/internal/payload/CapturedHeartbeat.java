package io.seestack.internal.payload;

import io.seestack.Feature;
import io.seestack.JobStatus;
import org.jspecify.annotations.Nullable;

/** A finished job's heartbeat. */
public record CapturedHeartbeat(String slug, JobStatus status, long durationMs, @Nullable String message)
		implements CapturedEvent {

	@Override
	public long weight() {
		return 256 + ((this.message != null) ? 2L * this.message.length() : 0);
	}

	@Override
	public Feature feature() {
		return Feature.HEARTBEATS;
	}

}
