package io.seestack.transport;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one JSON body to one ingest endpoint. The SDK owns retries, backoff and the decision to disable itself; a
 * transport only reports what happened: a {@link TransportResponse} for any HTTP answer, or a future completed
 * exceptionally for a network error or timeout.
 *
 * <p>Implementations must not block the calling thread and must never log the API key.
 */
@FunctionalInterface
public interface Transport {

	CompletableFuture<TransportResponse> send(TransportRequest request);

}
