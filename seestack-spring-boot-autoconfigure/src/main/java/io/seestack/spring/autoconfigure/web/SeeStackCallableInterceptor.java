package io.seestack.spring.autoconfigure.web;

import java.util.concurrent.Callable;

import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.User;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;

/**
 * Runs a Spring MVC {@code Callable} (or {@code WebAsyncTask}) in a SeeStack scope of its own request, so that what
 * it captures on the async executor's thread carries the request's user and trace id. The user is taken on the
 * request's thread when the handler returns the callable; the scope is opened just before the callable runs and
 * closed right after, on the executor's thread.
 */
final class SeeStackCallableInterceptor implements CallableProcessingInterceptor {

	private static final String USER_ATTRIBUTE = SeeStackCallableInterceptor.class.getName() + ".user";

	private static final String SCOPE_ATTRIBUTE = SeeStackCallableInterceptor.class.getName() + ".scope";

	private final SeeStackClient client;

	SeeStackCallableInterceptor(SeeStackClient client) {
		this.client = client;
	}

	@Override
	public <T> void beforeConcurrentHandling(NativeWebRequest request, Callable<T> task) {
		this.client.getCurrentUser()
			.ifPresent((user) -> request.setAttribute(USER_ATTRIBUTE, user, RequestAttributes.SCOPE_REQUEST));
	}

	@Override
	public <T> void preProcess(NativeWebRequest request, Callable<T> task) {
		HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
		RequestState state = (servletRequest != null) ? RequestState.get(servletRequest) : null;
		if (state == null) {
			return;
		}
		Scope scope = this.client.openScope();
		scope.setTraceId(state.traceId);
		this.client.setUser(user(request));
		request.setAttribute(SCOPE_ATTRIBUTE, scope, RequestAttributes.SCOPE_REQUEST);
	}

	@Override
	public <T> void postProcess(NativeWebRequest request, Callable<T> task, @Nullable Object concurrentResult) {
		if (request.getAttribute(SCOPE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Scope scope) {
			request.removeAttribute(SCOPE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
			scope.close();
		}
	}

	private static @Nullable User user(NativeWebRequest request) {
		return (request.getAttribute(USER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof User user) ? user
				: null;
	}

}
