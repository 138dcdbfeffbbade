package io.seestack.spring.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.seestack.ErrorContext;
import io.seestack.SeeStackClient;

/**
 * The default {@link SeeStackExceptionCapture}:
 * <ul>
 * <li>an exception that escaped the filter chain (no handler resolved it) is captured;</li>
 * <li>an exception that a handler resolved ({@code @ExceptionHandler}, {@code @ControllerAdvice}, Spring MVC's own
 * resolvers) is captured only when the response status is at least {@code seestack.exceptions.minimum-status}:
 * 4xx outcomes are not errors of the application;</li>
 * <li>types in {@code seestack.exceptions.ignored}, and their subclasses, never are;</li>
 * <li>nor is the exception of a response written to a client that has gone away ({@link ClientDisconnects}).</li>
 * </ul>
 * The error carries the request's method, route, path, status and whether it was handled in its metadata, and the
 * user, IP and trace id of the request's scope. The client captures a throwable once per request, however often
 * it is offered (by the application's own {@code captureError} too).
 */
public class DefaultSeeStackExceptionCapture implements SeeStackExceptionCapture {

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

	private final SeeStackClient client;

	private final int minimumStatus;

	private final List<Class<? extends Throwable>> ignored;

	/**
	 * Creates the capture.
	 * @param client the client that captures the errors
	 * @param minimumStatus the lowest status at which a handled exception is captured
	 * @param ignored exception types never captured, with their subclasses
	 */
	public DefaultSeeStackExceptionCapture(SeeStackClient client, int minimumStatus,
			List<Class<? extends Throwable>> ignored) {
		this.client = client;
		this.minimumStatus = minimumStatus;
		this.ignored = List.copyOf(ignored);
	}

	@Override
	public void capture(CompletedRequest request) {
		Throwable error = request.escapedException();
		boolean handled = false;
		if (error == null) {
			error = request.handledException();
			if (error == null || request.status() < this.minimumStatus) {
				return;
			}
			handled = true;
		}
		if (isIgnored(error) || ClientDisconnects.isClientDisconnect(error)) {
			return;
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put(METHOD, request.method());
		if (request.route() != null) {
			metadata.put(ROUTE, request.route());
		}
		metadata.put(PATH, request.path());
		metadata.put(STATUS, request.status());
		metadata.put(HANDLED, handled);
		this.client.captureError(error, ErrorContext.builder().metadata(metadata).build());
	}

	private boolean isIgnored(Throwable error) {
		for (Class<? extends Throwable> type : this.ignored) {
			if (type.isInstance(error)) {
				return true;
			}
		}
		return false;
	}

}
