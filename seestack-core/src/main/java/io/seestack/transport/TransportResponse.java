package io.seestack.transport;

import org.jspecify.annotations.Nullable;

/**
 * What the ingest API answered.
 *
 * @param statusCode the HTTP status
 * @param retryAfter the {@code Retry-After} header, if any (seconds or an HTTP date)
 */
public record TransportResponse(int statusCode, @Nullable String retryAfter) {

	public boolean isSuccess() {
		return this.statusCode >= 200 && this.statusCode < 300;
	}

}
