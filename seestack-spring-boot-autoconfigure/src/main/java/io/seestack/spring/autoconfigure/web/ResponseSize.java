package io.seestack.spring.autoconfigure.web;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The number of body bytes the application wrote for one request, over all its dispatches. Bytes are counted as
 * they pass through {@link CountingResponseWrapper}, before any compression by the server; bytes discarded by a
 * reset of the uncommitted buffer are not counted.
 */
final class ResponseSize {

	private final AtomicLong bytes = new AtomicLong();

	/** The response to pass down the filter chain: {@code response} if it already counts into this, else a wrapper. */
	HttpServletResponse wrap(HttpServletResponse response) {
		for (ServletResponse current = response; current instanceof ServletResponseWrapper wrapper;
				current = wrapper.getResponse()) {
			if (current instanceof CountingResponseWrapper counting && counting.countsInto(this)) {
				return response;
			}
		}
		return new CountingResponseWrapper(response, this);
	}

	void add(long count) {
		this.bytes.addAndGet(count);
	}

	void reset() {
		this.bytes.set(0);
	}

	long get() {
		return this.bytes.get();
	}

}
