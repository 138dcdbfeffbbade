package io.seestack.internal.context;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One unit of work as far as error capture goes: a scope opened outside any other, with every scope opened in it
 * and every snapshot taken from it. A throwable is captured once per unit, by identity: the JVM throws one
 * preallocated instance for every hot {@code NullPointerException} (with {@code -XX:+OmitStackTraceInFastThrow}),
 * so remembering throwables process-wide would drop every later occurrence, whoever it affects.
 */
final class WorkUnit {

	/** Throwables remembered at most; a unit that captures more forgets the oldest. */
	static final int MAX_REMEMBERED = 32;

	/** Created by the first capture: every request opens a unit, few capture anything. */
	private @Nullable List<Throwable> captured;

	/** True the first time the throwable is offered in this unit. */
	synchronized boolean firstCapture(Throwable error) {
		if (this.captured == null) {
			this.captured = new ArrayList<>(2);
		}
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
