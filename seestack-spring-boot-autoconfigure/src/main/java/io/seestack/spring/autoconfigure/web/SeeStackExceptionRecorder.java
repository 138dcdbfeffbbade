package io.seestack.spring.autoconfigure.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A {@link HandlerExceptionResolver} at the highest precedence that resolves nothing: it notes the first exception
 * that Spring MVC is about to resolve in a request attribute and returns {@code null}, so the application's own
 * resolvers ({@code @ExceptionHandler}, {@code @ControllerAdvice}) and Spring's handle it as before.
 * {@link SeeStackRequestFilter} decides, once the response has its final status, whether to capture it.
 */
public class SeeStackExceptionRecorder implements HandlerExceptionResolver, Ordered {

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (request.getAttribute(RequestState.HANDLER_EXCEPTION_ATTRIBUTE) == null) {
			request.setAttribute(RequestState.HANDLER_EXCEPTION_ATTRIBUTE, ex);
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
