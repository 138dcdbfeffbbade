package io.seestack.internal.context;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.seestack.ScopeSnapshot;

/**
 * Executors that run each task with the context of the thread that submitted it: a snapshot is taken at
 * submission and restored around the task, then the worker's own context is back.
 */
public final class ContextExecutors {

	private ContextExecutors() {
	}

	public static Executor wrap(Executor executor, Supplier<ScopeSnapshot> snapshots) {
		if (executor instanceof ContextExecutorService) {
			return executor;
		}
		return (task) -> executor.execute(snapshots.get().wrap(task));
	}

	public static ExecutorService wrap(ExecutorService executor, Supplier<ScopeSnapshot> snapshots) {
		if (executor instanceof ContextExecutorService) {
			return executor;
		}
		return new ContextExecutorService(executor, snapshots);
	}

	/**
	 * Wraps each task at submission. {@code submit} and {@code invokeAll}/{@code invokeAny} of
	 * {@link AbstractExecutorService} all end in {@link #execute}, so wrapping there covers them, with a snapshot
	 * taken on the submitting thread.
	 */
	private static final class ContextExecutorService extends AbstractExecutorService {

		private final ExecutorService delegate;

		private final Supplier<ScopeSnapshot> snapshots;

		ContextExecutorService(ExecutorService delegate, Supplier<ScopeSnapshot> snapshots) {
			this.delegate = delegate;
			this.snapshots = snapshots;
		}

		@Override
		public void execute(Runnable command) {
			this.delegate.execute(this.snapshots.get().wrap(command));
		}

		@Override
		public void shutdown() {
			this.delegate.shutdown();
		}

		@Override
		public List<Runnable> shutdownNow() {
			return this.delegate.shutdownNow();
		}

		@Override
		public boolean isShutdown() {
			return this.delegate.isShutdown();
		}

		@Override
		public boolean isTerminated() {
			return this.delegate.isTerminated();
		}

		@Override
		public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
			return this.delegate.awaitTermination(timeout, unit);
		}

		@Override
		public String toString() {
			return "SeeStack context-propagating " + this.delegate;
		}

	}

}
