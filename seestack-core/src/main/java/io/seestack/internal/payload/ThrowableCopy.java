package io.seestack.internal.payload;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What is sent of a throwable, taken on the capturing thread: its type and message, and those of its causes (an
 * exception's {@code getMessage()} or {@code getCause()} may read state that changes, or fail, once its request is
 * over). Its frames are the exception: they are what the JVM recorded when the throwable was created, which
 * nothing changes afterwards, and turning them into {@link StackTraceElement}s costs about 0.3 µs a frame (40 µs for
 * a request's 130), so they are read on the delivery thread, through the JDK's own
 * {@link Throwable#getStackTrace()}. A throwable whose class overrides {@code getStackTrace()} has its frames read
 * here, on the capturing thread, since its code could read anything.
 *
 * @param className the throwable's class name
 * @param message its message, {@code ""} when it has none
 * @param frames its stack frames
 * @param cause its cause, up to {@link PayloadFactory#MAX_CAUSES} deep, without cycles
 */
public record ThrowableCopy(String className, String message, Frames frames, @Nullable ThrowableCopy cause) {

	private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

	/** Whether a class inherits {@link Throwable#getStackTrace()} as the JDK wrote it. */
	private static final ClassValue<Boolean> JDK_FRAMES = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			try {
				return type.getMethod("getStackTrace").getDeclaringClass() == Throwable.class;
			}
			catch (NoSuchMethodException | SecurityException ex) {
				return false;
			}
		}

	};

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
		ThrowableCopy copy = null;
		for (int i = chain.size() - 1; i >= 0; i--) {
			Throwable current = chain.get(i);
			String message = PayloadFactory.messageOf(current);
			// A throwable whose frames are read later stays reachable until then, and with it a message of any
			// length: one longer than is sent has its frames read now, so that only the cut copy is kept.
			boolean longMessage = message.length() > PayloadFactory.MAX_MESSAGE + 1;
			copy = new ThrowableCopy(current.getClass().getName(),
					PayloadFactory.keptAtCapture(message, PayloadFactory.MAX_MESSAGE), framesOf(current, longMessage),
					copy);
		}
		return copy;
	}

	private static Frames framesOf(Throwable error, boolean now) {
		if (!now && JDK_FRAMES.get(error.getClass())) {
			return () -> safeFrames(error);
		}
		StackTraceElement[] frames = safeFrames(error);
		return () -> frames;
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

	/** A throwable's frames: copied already, or read from the JVM's record when the payload is written. */
	@FunctionalInterface
	public interface Frames {

		StackTraceElement[] get();

	}

}
