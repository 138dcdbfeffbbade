package io.seestack.internal.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.seestack.internal.payload.CapturedEvent;

/**
 * One feature's bounded buffer. When full, either the oldest event makes room for the newest (logs, HTTP items,
 * heartbeats: the latest state matters most) or the newest is refused (errors: an incident's first errors are often
 * its cause, and a refused error is known before it is built). Lock-free: every request thread of a busy server
 * adds to it while the delivery thread takes batches out, and a lock there made them queue behind each other.
 */
final class EventBuffer {

	private final ConcurrentLinkedQueue<CapturedEvent> events = new ConcurrentLinkedQueue<>();

	/** Counts an event from before it is added until after it is removed, so it is never seen as absent. */
	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	/** The {@link CapturedEvent#weight() weight} of the events held, for the SDK's memory limit. */
	private final AtomicLong bytes = new AtomicLong();

	private final boolean keepsOldest;

	EventBuffer(int capacity) {
		this(capacity, false);
	}

	/**
	 * @param keepsOldest whether a full buffer refuses the newest event rather than dropping its oldest
	 */
	EventBuffer(int capacity, boolean keepsOldest) {
		this.capacity = capacity;
		this.keepsOldest = keepsOldest;
	}

	/** Whether an event added now would be kept without dropping another: always, unless it keeps the oldest. */
	boolean hasRoom() {
		return !this.keepsOldest || this.size.get() < this.capacity;
	}

	/**
	 * Adds the event.
	 * @return the buffer's size after adding, or {@code -1} if an event was dropped: the oldest to make room, or
	 * this one, refused, when the buffer keeps its oldest
	 */
	int add(CapturedEvent event) {
		int size = this.size.incrementAndGet();
		if (this.keepsOldest && size > this.capacity) {
			this.size.decrementAndGet();
			return -1;
		}
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
