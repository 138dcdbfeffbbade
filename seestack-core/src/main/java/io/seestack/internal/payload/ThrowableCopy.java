package io.seestack.internal.payload;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What is sent of a throwable, read on the capturing thread: its type, message and frames, and those of its
 * causes. The throwable itself is not kept, so nothing of it is read after the capture call returns (an
 * exception's {@code getMessage()} may read state that changes, or fail, once its request is over).
 *
 * @param className the throwable's class name
 * @param message its message, {@code ""} when it has none
 * @param frames its stack frames, cut so that the whole chain holds at most {@link PayloadFactory#MAX_FRAMES}
 * @param cause its cause, up to {@link PayloadFactory#MAX_CAUSES} deep, without cycles
 * @param truncated whether frames were left out to keep within the bound
 */
public record ThrowableCopy(String className, String message, StackTraceElement[] frames,
		@Nullable ThrowableCopy cause, boolean truncated) {

	private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

	/** Copies the throwable and its causes; never throws, whatever their methods do. */
	public static ThrowableCopy of(Throwable error) {
		List<Throwable> chain = new ArrayList<>(4);
		for (Throwable current = error; current != null && chain.size() <= PayloadFactory.MAX_CAUSES;
				current = safeCause(current)) {
			if (containsIdentical(chain, current)) {
				break;
			}
			chain.add(current);
		}
		int budget = PayloadFactory.MAX_FRAMES;
		StackTraceElement[][] frames = new StackTraceElement[chain.size()][];
		boolean truncated = false;
		for (int i = 0; i < chain.size(); i++) {
			StackTraceElement[] all = safeFrames(chain.get(i));
			if (all.length > budget) {
				all = java.util.Arrays.copyOf(all, budget);
				truncated = true;
			}
			frames[i] = all;
			budget -= all.length;
		}
		ThrowableCopy copy = null;
		for (int i = chain.size() - 1; i >= 0; i--) {
			Throwable current = chain.get(i);
			copy = new ThrowableCopy(current.getClass().getName(), PayloadFactory.messageOf(current), frames[i], copy,
					truncated && i == 0);
		}
		return copy;
	}

	private static boolean containsIdentical(List<Throwable> chain, Throwable candidate) {
		for (Throwable seen : chain) {
			if (seen == candidate) {
				return true;
			}
		}
		return false;
	}

	private static StackTraceElement[] safeFrames(Throwable error) {
		try {
			StackTraceElement[] frames = error.getStackTrace();
			return (frames != null) ? frames : NO_FRAMES;
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return NO_FRAMES;
		}
	}

	private static @Nullable Throwable safeCause(Throwable error) {
		try {
			return error.getCause();
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return null;
		}
	}

}
