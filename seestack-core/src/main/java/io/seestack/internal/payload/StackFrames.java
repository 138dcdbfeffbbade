package io.seestack.internal.payload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stack frames as the ingest API takes them, {@code at <frame>}, remembered: an application's errors go through
 * the same few thousand frames again and again, and {@link StackTraceElement#toString()} was most of the cost of
 * writing an error's payload. Bounded: when full, it starts again.
 */
final class StackFrames {

	static final int MAX_FRAME_LENGTH = 1_024;

	static final int CAPACITY = 16_384;

	private final Map<StackTraceElement, String> formatted = new ConcurrentHashMap<>();

	String format(StackTraceElement frame) {
		String line = this.formatted.get(frame);
		if (line == null) {
			line = Sanitizer.text("at " + frame, MAX_FRAME_LENGTH);
			if (this.formatted.size() >= CAPACITY) {
				this.formatted.clear();
			}
			this.formatted.put(frame, line);
		}
		return line;
	}

	int size() {
		return this.formatted.size();
	}

}
