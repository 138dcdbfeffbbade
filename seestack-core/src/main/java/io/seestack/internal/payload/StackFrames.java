package io.seestack.internal.payload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Stack frames as the ingest API takes them, {@code at <frame>}, remembered, and kept as the JSON string's bytes:
 * an application's errors go through the same few thousand frames again and again, and formatting each one
 * ({@link StackTraceElement#toString()}), then checking its every character for escaping and encoding it, was
 * most of the cost of writing an error's body after reading its frames. Bounded: when full, it starts again.
 */
final class StackFrames {

	static final int MAX_FRAME_LENGTH = 1_024;

	static final int CAPACITY = 16_384;

	private final Map<StackTraceElement, SerializableString> formatted = new ConcurrentHashMap<>();

	/** The frame's line, written by the JSON generator from its encoded bytes once they are made. */
	SerializableString format(StackTraceElement frame) {
		SerializableString line = this.formatted.get(frame);
		if (line == null) {
			line = new SerializedString(Sanitizer.text("at " + frame, MAX_FRAME_LENGTH));
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
