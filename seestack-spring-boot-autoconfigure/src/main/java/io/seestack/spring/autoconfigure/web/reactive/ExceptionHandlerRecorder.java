package io.seestack.spring.autoconfigure.web.reactive;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Around an {@code @ExceptionHandler} method: notes the exception it is given on the state of the exchange current
 * on the thread, then lets it answer as before. What it answers, status and body, is the method's own;
 * {@link SeeStackWebFilter} decides, once the exchange has its final status, whether to capture the exception.
 *
 * <p>This is WebFlux's counterpart of the servlet side's {@code SeeStackExceptionRecorder}: WebFlux has no
 * resolver chain to join, it resolves the exception inside its handler adapter and keeps it nowhere, so the only
 * place to see it is the call of the method that answers it. Spring passes that method the exception and its causes
 * as its arguments: the outermost of them is noted. The exchange is the one whose Reactor {@code Context}
 * Micrometer's context propagation restored on the thread ({@link ExchangeState#CURRENT}).
 */
final class ExceptionHandlerRecorder implements MethodInterceptor {

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		ExchangeState state = ExchangeState.CURRENT.get();
		if (state != null) {
			Throwable answered = outermost(invocation.getArguments());
			if (answered != null) {
				state.answered(answered);
			}
		}
		return invocation.proceed();
	}

	/** The throwable among the arguments that none of the others has as a cause, or {@code null} if none is. */
	static @Nullable Throwable outermost(@Nullable Object[] arguments) {
		Throwable outermost = null;
		for (Object argument : arguments) {
			if (argument instanceof Throwable throwable && (outermost == null || isCause(outermost, throwable))) {
				outermost = throwable;
			}
		}
		return outermost;
	}

	private static boolean isCause(Throwable cause, Throwable of) {
		Throwable next = of.getCause();
		for (int depth = 0; next != null && next != of && depth < 100; depth++) {
			if (next == cause) {
				return true;
			}
			next = next.getCause();
		}
		return false;
	}

}
