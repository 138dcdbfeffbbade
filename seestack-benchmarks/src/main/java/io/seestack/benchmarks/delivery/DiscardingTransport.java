package io.seestack.benchmarks.delivery;

import java.util.concurrent.CompletableFuture;

import io.seestack.transport.Transport;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;

/**
 * Answers every send with {@code 202} at once, without a socket: SeeStack still builds and counts every payload,
 * so a measurement with it is what SeeStack costs apart from the HTTP client and any sink.
 */
public final class DiscardingTransport implements Transport {

	private static final CompletableFuture<TransportResponse> ACCEPTED = CompletableFuture
		.completedFuture(new TransportResponse(202, null));

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
		return ACCEPTED;
	}

}
