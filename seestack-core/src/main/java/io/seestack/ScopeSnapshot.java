package io.seestack;

import java.util.concurrent.Callable;

/**
 * An immutable copy of the context current on one thread (user, IP, trace id, session id, tags), taken by
 * {@link SeeStackClient#snapshot()}, to be restored on another thread: that is how a unit of work's context
 * follows it into an executor, a callback or a reactive pipeline. Changes made after the snapshot was taken, on
 * either side, do not cross over.
 *
 * <pre>{@code
 * ScopeSnapshot snapshot = SeeStack.snapshot();          // on the request's thread
 * executor.execute(() -> {
 *     try (Scope scope = snapshot.restore()) {           // on the worker
 *         ...                                            // events carry the request's user
 *     }                                                  // the worker's own state is back
 * });
 * }</pre>
 *
 * A snapshot taken outside every scope is empty: restoring it gives a scope that carries nothing but the global
 * user, so work submitted outside a unit of work never picks up another's context.
 */
public interface ScopeSnapshot {

	/**
	 * The key of the SeeStack context in Micrometer's context snapshots and in a Reactor {@code Context}: with
	 * {@code io.micrometer:context-propagation} on the class path, a snapshot put in a Reactor {@code Context} under
	 * this key is restored on every thread that runs the pipeline's operators, when Reactor's automatic context
	 * propagation is on.
	 */
	String CONTEXT_KEY = "io.seestack.scope";

	/**
	 * Opens a scope on this thread that holds the snapshot's context; closing it, on this thread, restores exactly
	 * what the thread had before.
	 */
	Scope restore();

	/** Whether the snapshot was taken outside every scope, so it carries no context. */
	boolean isEmpty();

	/** A task that runs with this snapshot restored, and restores the running thread's own context after. */
	default Runnable wrap(Runnable task) {
		return () -> {
			try (Scope scope = restore()) {
				task.run();
			}
		};
	}

	/** Like {@link #wrap(Runnable)}, for a {@link Callable}. */
	default <T> Callable<T> wrap(Callable<T> task) {
		return () -> {
			try (Scope scope = restore()) {
				return task.call();
			}
		};
	}

}
