package io.seestack.internal.context;

import java.util.ArrayList;
import java.util.List;

/**
 * One unit of work as far as error capture goes: a scope opened outside any other, with every scope opened in it
 * and every snapshot taken from it. A throwable is captured once per unit, by identity: the JVM throws one
 * preallocated instance for every hot {@code NullPointerException} (with {@code -XX:+OmitStackTraceInFastThrow}),
 * so remembering throwables process-wide would drop every later occurrence, whoever it affects.
 */
final class WorkUnit {

	/** Throwables remembered at most; a unit that captures more forgets the oldest. */
	static final int MAX_REMEMBERED = 32;

	private final List<Throwable> captured = new ArrayList<>(2);

	/** True the first time the throwable is offered in this unit. */
	synchronized boolean firstCapture(Throwable error) {
		for (int i = 0; i < this.captured.size(); i++) {
			if (this.captured.get(i) == error) {
				return false;
			}
		}
		if (this.captured.size() >= MAX_REMEMBERED) {
			this.captured.remove(0);
		}
		this.captured.add(error);
		return true;
	}

}
