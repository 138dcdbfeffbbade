package io.seestack.internal.delivery;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.seestack.Feature;
import io.seestack.transport.Transport;
import io.seestack.transport.TransportRequest;
import io.seestack.transport.TransportResponse;

/** A transport whose sends stay in flight until the test answers them, so a test can fill every slot. */
final class HeldTransport implements Transport {

	private final List<TransportRequest> requests = new CopyOnWriteArrayList<>();

	private final List<CompletableFuture<TransportResponse>> answers = new CopyOnWriteArrayList<>();

	private volatile boolean holding = true;

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
		CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
		this.requests.add(request);
		this.answers.add(answer);
		if (!this.holding) {
			accept(this.answers.size() - 1);
		}
		return answer;
	}

	int sent() {
		return this.requests.size();
	}

	Feature feature(int index) {
		return this.requests.get(index).feature();
	}

	byte[] body(int index) {
		return this.requests.get(index).body();
	}

	int itemCount(int index) {
		return this.requests.get(index).itemCount();
	}

	List<Integer> itemCounts(Feature feature) {
		return this.requests.stream().filter((request) -> request.feature() == feature)
			.map(TransportRequest::itemCount).toList();
	}

	/** Answers the send with 202 Accepted. */
	void accept(int index) {
		this.answers.get(index).complete(new TransportResponse(202, null));
	}

	/** Answers every send so far, and every later one at once. */
	void acceptAll() {
		this.holding = false;
		this.answers.forEach((answer) -> answer.complete(new TransportResponse(202, null)));
	}

}
