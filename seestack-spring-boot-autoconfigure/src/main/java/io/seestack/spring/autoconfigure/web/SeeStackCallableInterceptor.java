package io.seestack.spring.autoconfigure.web;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;

import io.seestack.Scope;
import io.seestack.ScopeSnapshot;
import io.seestack.SeeStackClient;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;

/**
 * Runs a Spring MVC {@code Callable} (or {@code WebAsyncTask}) with its request's SeeStack context, so that what
 * it captures on the async executor's thread carries the request's user and trace id. A snapshot is taken on the
 * request's thread when the handler returns the callable, restored just before the callable runs and closed right
 * after, on the executor's thread.
 *
 * <p>The scope opened on the executor's thread is kept on that thread, not in the request: a callable that
 * outlives its async timeout finishes after Spring has completed the request and the container has recycled it,
 * and its scope must still be closed then, or the next task on that pooled thread would carry its user.
 */
final class SeeStackCallableInterceptor implements CallableProcessingInterceptor {

	private static final String SNAPSHOT_ATTRIBUTE = SeeStackCallableInterceptor.class.getName() + ".snapshot";

	/** Marks a callable that runs with no SeeStack scope, so pre- and post-processing stay paired. */
	private static final Scope NONE = SeeStackClient.noop().openScope();

	/** The scopes opened on this executor thread, innermost last; Spring pre- and post-processes on one thread. */
	private static final ThreadLocal<@Nullable ArrayDeque<Scope>> opened = new ThreadLocal<>();

	private final SeeStackClient client;

	SeeStackCallableInterceptor(SeeStackClient client) {
		this.client = client;
	}

	@Override
	public <T> void beforeConcurrentHandling(NativeWebRequest request, Callable<T> task) {
		ScopeSnapshot snapshot = this.client.snapshot();
		if (!snapshot.isEmpty()) {
			request.setAttribute(SNAPSHOT_ATTRIBUTE, snapshot, RequestAttributes.SCOPE_REQUEST);
		}
	}

	@Override
	public <T> void preProcess(NativeWebRequest request, Callable<T> task) {
		push(restore(request));
	}

	@Override
	public <T> void postProcess(NativeWebRequest request, Callable<T> task, @Nullable Object concurrentResult) {
		ArrayDeque<Scope> scopes = opened.get();
		Scope scope = (scopes != null) ? scopes.pollLast() : null;
		if (scope != null) {
			scope.close();
		}
	}

	private Scope restore(NativeWebRequest request) {
		try {
			return (request.getAttribute(SNAPSHOT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof ScopeSnapshot
					snapshot) ? snapshot.restore() : NONE;
		}
		catch (RuntimeException ex) {
			// The request is already recycled (the callable started after its async timeout): no context to carry.
			return NONE;
		}
	}

	private static void push(Scope scope) {
		ArrayDeque<Scope> scopes = opened.get();
		if (scopes == null) {
			scopes = new ArrayDeque<>(2);
			opened.set(scopes);
		}
		scopes.addLast(scope);
	}

}
