package io.seestack.spring.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.seestack.ErrorContext;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.SeeStackProperties;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides, once a request has its final status, whether its exception is captured, and captures it with the
 * request's user.
 *
 * <ul>
 * <li>An exception that escaped the filter chain (no handler resolved it) is captured.</li>
 * <li>An exception that a handler resolved ({@code @ExceptionHandler}, {@code @ControllerAdvice}, Spring MVC's own
 * resolvers, Spring Security's {@code ExceptionTranslationFilter}) is captured only when the response status is at
 * least {@code seestack.exceptions.minimum-status}: 4xx outcomes are not errors of the application.</li>
 * <li>Types in {@code seestack.exceptions.ignored}, and their subclasses, never are.</li>
 * </ul>
 * The client captures a given throwable once, however often it is offered.
 */
final class ExceptionCapture {

	/** Metadata key of the request method. */
	static final String METHOD = "http.method";

	/** Metadata key of the route pattern, such as {@code /orders/{id}}, when the handler mapping knows it. */
	static final String ROUTE = "http.route";

	/** Metadata key of the request path, without query. */
	static final String PATH = "http.path";

	/** Metadata key of the final response status. */
	static final String STATUS = "http.status";

	/** Metadata key of whether a handler of the application resolved the exception. */
	static final String HANDLED = "handled";

	/** Metadata key of the request's trace id, as on its HTTP request item. */
	static final String TRACE_ID = "traceId";

	private final SeeStackClient client;

	private final boolean enabled;

	private final int minimumStatus;

	private final List<Class<? extends Throwable>> ignored;

	ExceptionCapture(SeeStackClient client, SeeStackProperties.Exceptions properties) {
		this.client = client;
		this.enabled = properties.isEnabled();
		this.minimumStatus = properties.getMinimumStatus();
		this.ignored = List.copyOf(properties.getIgnored());
	}

	/** Captures the request's exception, if it is to be captured. */
	void capture(HttpServletRequest request, RequestState state, int status) {
		if (!this.enabled) {
			return;
		}
		Throwable error = state.escaped();
		boolean handled = false;
		if (error == null) {
			if (status < this.minimumStatus
					|| !(request.getAttribute(RequestState.HANDLER_EXCEPTION_ATTRIBUTE) instanceof Throwable resolved)) {
				return;
			}
			error = resolved;
			handled = true;
		}
		if (isIgnored(error)) {
			return;
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put(METHOD, state.method);
		if (state.route() != null) {
			metadata.put(ROUTE, state.route());
		}
		metadata.put(PATH, state.path);
		metadata.put(STATUS, status);
		metadata.put(HANDLED, handled);
		metadata.put(TRACE_ID, state.traceId);
		this.client.captureError(error, ErrorContext.builder().user(state.user()).metadata(metadata).build());
	}

	private boolean isIgnored(Throwable error) {
		for (Class<? extends Throwable> type : this.ignored) {
			if (type.isInstance(error)) {
				return true;
			}
		}
		return false;
	}

	/** The exception inside the {@link ServletException}s that the servlet container and Spring wrap it in. */
	static Throwable unwrap(Throwable escaped) {
		Throwable error = escaped;
		while (error instanceof ServletException && error.getCause() != null && error.getCause() != error) {
			error = error.getCause();
		}
		return error;
	}

}
