package io.seestack.internal;

import java.util.Arrays;

/**
 * A set of non-zero longs with open addressing: 8 bytes a member and no boxing, for the users the rate limit has
 * seen per kind of error. Not thread-safe.
 */
final class LongSet {

	private static final int INITIAL_CAPACITY = 8;

	private long[] slots = new long[INITIAL_CAPACITY];

	private int size;

	int size() {
		return this.size;
	}

	boolean contains(long value) {
		long[] slots = this.slots;
		for (int i = index(value, slots.length);; i = (i + 1) & (slots.length - 1)) {
			if (slots[i] == value) {
				return true;
			}
			if (slots[i] == 0) {
				return false;
			}
		}
	}

	/** Adds a non-zero value; returns whether it was new. */
	boolean add(long value) {
		if ((this.size + 1) * 4 > this.slots.length * 3) {
			grow();
		}
		if (insert(this.slots, value)) {
			this.size++;
			return true;
		}
		return false;
	}

	void clear() {
		if (this.slots.length > INITIAL_CAPACITY) {
			this.slots = new long[INITIAL_CAPACITY];
		}
		else {
			Arrays.fill(this.slots, 0);
		}
		this.size = 0;
	}

	private void grow() {
		long[] larger = new long[this.slots.length * 2];
		for (long value : this.slots) {
			if (value != 0) {
				insert(larger, value);
			}
		}
		this.slots = larger;
	}

	private static boolean insert(long[] slots, long value) {
		for (int i = index(value, slots.length);; i = (i + 1) & (slots.length - 1)) {
			if (slots[i] == value) {
				return false;
			}
			if (slots[i] == 0) {
				slots[i] = value;
				return true;
			}
		}
	}

	private static int index(long value, int length) {
		long mixed = value * 0x9E3779B97F4A7C15L;
		return (int) (mixed >>> 32) & (length - 1);
	}

}
