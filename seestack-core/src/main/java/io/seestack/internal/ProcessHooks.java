package io.seestack.internal;

import java.lang.Thread.UncaughtExceptionHandler;

import io.seestack.ErrorContext;
import io.seestack.Level;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import org.jspecify.annotations.Nullable;

/**
 * A client's ties to the JVM, each optional: a shutdown hook that closes the client if nobody did, and a default
 * uncaught-exception handler that captures what ends a thread and then hands it on. {@link #remove()} undoes both
 * where it still can; a handler that someone installed after ours keeps ours in its chain, so ours then only hands
 * on.
 */
final class ProcessHooks {

	/** Metadata key of a captured uncaught exception: the name of the thread it ended. */
	static final String UNCAUGHT_THREAD_METADATA_KEY = "seestack.uncaughtInThread";

	private final @Nullable Thread shutdownHook;

	private final @Nullable UncaughtCapture uncaught;

	private ProcessHooks(@Nullable Thread shutdownHook, @Nullable UncaughtCapture uncaught) {
		this.shutdownHook = shutdownHook;
		this.uncaught = uncaught;
	}

	static ProcessHooks install(SeeStackOptions options, SeeStackClient client) {
		Thread hook = null;
		if (options.shutdownHook()) {
			hook = new Thread(client::close, "seestack-shutdown");
			try {
				Runtime.getRuntime().addShutdownHook(hook);
			}
			catch (IllegalStateException | SecurityException shuttingDownOrNotAllowed) {
				hook = null;
			}
		}
		UncaughtCapture uncaught = null;
		if (options.captureUncaughtExceptions()) {
			uncaught = new UncaughtCapture(client, Thread.getDefaultUncaughtExceptionHandler());
			Thread.setDefaultUncaughtExceptionHandler(uncaught);
		}
		return new ProcessHooks(hook, uncaught);
	}

	void remove() {
		if (this.shutdownHook != null && Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException shuttingDown) {
				// The JVM is shutting down: the hook runs, and finds the client closed.
			}
		}
		if (this.uncaught != null) {
			this.uncaught.active = false;
			if (Thread.getDefaultUncaughtExceptionHandler() == this.uncaught) {
				Thread.setDefaultUncaughtExceptionHandler(this.uncaught.previous);
			}
		}
	}

	private static final class UncaughtCapture implements UncaughtExceptionHandler {

		private final SeeStackClient client;

		private final @Nullable UncaughtExceptionHandler previous;

		private volatile boolean active = true;

		UncaughtCapture(SeeStackClient client, @Nullable UncaughtExceptionHandler previous) {
			this.client = client;
			this.previous = previous;
		}

		@Override
		public void uncaughtException(Thread thread, Throwable error) {
			if (this.active) {
				this.client.captureError(error, ErrorContext.builder()
					.level(Level.FATAL)
					.metadata(UNCAUGHT_THREAD_METADATA_KEY, thread.getName())
					.build());
			}
			if (this.previous != null) {
				this.previous.uncaughtException(thread, error);
			}
			else {
				// What ThreadGroup.uncaughtException does when no default handler is set.
				System.err.print("Exception in thread \"" + thread.getName() + "\" ");
				error.printStackTrace(System.err);
			}
		}

	}

}
