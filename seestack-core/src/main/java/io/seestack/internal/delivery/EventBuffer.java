package io.seestack.internal.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.seestack.internal.payload.CapturedEvent;

/** One feature's bounded buffer: when full, the oldest event makes room for the newest. */
final class EventBuffer {

	private final ArrayDeque<CapturedEvent> events = new ArrayDeque<>();

	private final int capacity;

	EventBuffer(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Adds the event.
	 * @return the buffer's size after adding, or {@code -1} if the oldest event was dropped to make room
	 */
	synchronized int add(CapturedEvent event) {
		boolean dropped = false;
		if (this.events.size() >= this.capacity) {
			this.events.removeFirst();
			dropped = true;
		}
		this.events.addLast(event);
		return dropped ? -1 : this.events.size();
	}

	/** Removes and returns up to {@code max} events, oldest first. */
	synchronized List<CapturedEvent> poll(int max) {
		int count = Math.min(max, this.events.size());
		List<CapturedEvent> batch = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			batch.add(this.events.removeFirst());
		}
		return batch;
	}

	/** Removes everything; returns how many events were removed. */
	synchronized int clear() {
		int count = this.events.size();
		this.events.clear();
		return count;
	}

	synchronized int size() {
		return this.events.size();
	}

	int capacity() {
		return this.capacity;
	}

}
