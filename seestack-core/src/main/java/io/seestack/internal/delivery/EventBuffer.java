package io.seestack.internal.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.seestack.internal.payload.CapturedEvent;

/**
 * One feature's bounded buffer: when full, the oldest event makes room for the newest. Lock-free: every request
 * thread of a busy server adds to it while the delivery thread takes batches out, and a lock there made them queue
 * behind each other.
 */
final class EventBuffer {

	private final ConcurrentLinkedQueue<CapturedEvent> events = new ConcurrentLinkedQueue<>();

	/** Counts an event from before it is added until after it is removed, so it is never seen as absent. */
	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	/** The {@link CapturedEvent#weight() weight} of the events held, for the SDK's memory limit. */
	private final AtomicLong bytes = new AtomicLong();

	EventBuffer(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Adds the event.
	 * @return the buffer's size after adding, or {@code -1} if the oldest event was dropped to make room
	 */
	int add(CapturedEvent event) {
		int size = this.size.incrementAndGet();
		this.bytes.addAndGet(event.weight());
		this.events.offer(event);
		if (size <= this.capacity) {
			return size;
		}
		CapturedEvent oldest = this.events.poll();
		if (oldest == null) {
			// The delivery thread took everything meanwhile: nothing had to be dropped.
			return size;
		}
		this.bytes.addAndGet(-oldest.weight());
		this.size.decrementAndGet();
		return -1;
	}

	/** Drops the oldest event, to keep within the memory limit; {@code false} if there was none. */
	boolean evictOldest() {
		CapturedEvent oldest = this.events.poll();
		if (oldest == null) {
			return false;
		}
		this.bytes.addAndGet(-oldest.weight());
		this.size.decrementAndGet();
		return true;
	}

	long bytes() {
		return this.bytes.get();
	}

	/** Removes and returns up to {@code max} events, oldest first. */
	List<CapturedEvent> poll(int max) {
		List<CapturedEvent> batch = new ArrayList<>(Math.min(max, Math.max(0, this.size.get())));
		while (batch.size() < max) {
			CapturedEvent event = this.events.poll();
			if (event == null) {
				break;
			}
			batch.add(event);
			this.bytes.addAndGet(-event.weight());
			this.size.decrementAndGet();
		}
		return batch;
	}

	/** Removes everything; returns how many events were removed. */
	int clear() {
		return poll(Integer.MAX_VALUE).size();
	}

	int size() {
		return this.size.get();
	}

	int capacity() {
		return this.capacity;
	}

}
