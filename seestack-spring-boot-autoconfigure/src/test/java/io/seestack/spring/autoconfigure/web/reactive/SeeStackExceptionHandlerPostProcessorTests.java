package io.seestack.spring.autoconfigure.web.reactive;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SeeStackExceptionHandlerPostProcessor} and {@link ExceptionHandlerRecorder}.
 */
class SeeStackExceptionHandlerPostProcessorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withBean(SeeStackExceptionHandlerPostProcessor.class, SeeStackExceptionHandlerPostProcessor::new);

	@Test
	void notesTheExceptionAnAdvicesHandlerIsGivenOnTheCurrentExchangeAndLetsItAnswer() {
		this.contextRunner.withBean(Advice.class).run((context) -> {
			Advice advice = context.getBean(Advice.class);
			assertThat(AopUtils.isCglibProxy(advice)).isTrue();
			ExchangeState state = new ExchangeState(MockServerHttpRequest.get("/orders").build(), "t", false);
			IOException cause = new IOException("disk");
			UncheckedIOException ex = new UncheckedIOException(cause);
			ExchangeState.CURRENT.set(state);
			try {
				assertThat(advice.io(cause, ex).getStatusCode().value()).isEqualTo(503);
			}
			finally {
				ExchangeState.CURRENT.remove();
			}
			assertThat(state.completed(503, null, 0).handledException()).isSameAs(ex);
			assertThat(state.completed(503, null, 0).escapedException()).isNull();
		});
	}

	@Test
	void notesNothingOutsideAnExchange() {
		this.contextRunner.withBean(Advice.class).run((context) -> {
			Advice advice = context.getBean(Advice.class);
			assertThat(advice.io(new IOException("disk"), null).getStatusCode().value()).isEqualTo(503);
		});
	}

	@Test
	void proxiesControllersWithTheirOwnExceptionHandlers() {
		this.contextRunner.withBean(LocalHandler.class)
			.withBean(NoHandler.class)
			.run((context) -> {
				assertThat(AopUtils.isCglibProxy(context.getBean(LocalHandler.class))).isTrue();
				assertThat(AopUtils.isAopProxy(context.getBean(NoHandler.class))).isFalse();
			});
	}

	@Test
	void leavesBeansThatAClassProxyWouldChange() {
		this.contextRunner.withBean(FinalAdvice.class)
			.withBean(PrivateHandlerAdvice.class)
			.withBean(FinalModelAttributeAdvice.class)
			.withBean(PrivateMappingController.class)
			.run((context) -> {
				assertThat(AopUtils.isAopProxy(context.getBean(FinalAdvice.class))).isFalse();
				assertThat(AopUtils.isAopProxy(context.getBean(PrivateHandlerAdvice.class))).isFalse();
				assertThat(AopUtils.isAopProxy(context.getBean(FinalModelAttributeAdvice.class))).isFalse();
				assertThat(AopUtils.isAopProxy(context.getBean(PrivateMappingController.class))).isFalse();
			});
	}

	@Test
	void proxiesAResponseEntityExceptionHandlerWithHandlersOfItsOwnOnly() {
		assertThat(SeeStackExceptionHandlerPostProcessor.isSafeToProxy(ProblemDetailsAdvice.class)).isTrue();
		assertThat(SeeStackExceptionHandlerPostProcessor.isSafeToProxy(PlainProblemDetailsAdvice.class)).isFalse();
	}

	@Test
	void theOutermostThrowableArgumentIsNoted() {
		IOException cause = new IOException("disk");
		UncheckedIOException ex = new UncheckedIOException(cause);
		assertThat(ExceptionHandlerRecorder.outermost(new Object[] { cause, ex, "handler" })).isSameAs(ex);
		assertThat(ExceptionHandlerRecorder.outermost(new Object[] { ex, cause })).isSameAs(ex);
		assertThat(ExceptionHandlerRecorder.outermost(new Object[] { cause })).isSameAs(cause);
		assertThat(ExceptionHandlerRecorder.outermost(new Object[] { "handler" })).isNull();
		assertThat(ExceptionHandlerRecorder.outermost(new Object[0])).isNull();
	}

	@RestControllerAdvice
	static class Advice {

		@ExceptionHandler(IOException.class)
		ResponseEntity<String> io(IOException cause, UncheckedIOException ex) {
			return ResponseEntity.status(503).body("io");
		}

	}

	@RestController
	static class LocalHandler {

		@GetMapping("/local")
		String local() {
			return "local";
		}

		@ExceptionHandler
		ResponseEntity<String> failed(IllegalStateException ex) {
			return ResponseEntity.internalServerError().build();
		}

	}

	@RestController
	static class NoHandler {

		@GetMapping("/plain")
		String plain() {
			return "plain";
		}

	}

	@ControllerAdvice
	static final class FinalAdvice {

		@ExceptionHandler
		ResponseEntity<String> failed(IllegalStateException ex) {
			return ResponseEntity.internalServerError().build();
		}

	}

	@ControllerAdvice
	static class PrivateHandlerAdvice {

		@ExceptionHandler
		ResponseEntity<String> failed(IllegalStateException ex) {
			return ResponseEntity.internalServerError().build();
		}

		@ExceptionHandler
		private ResponseEntity<String> io(IOException ex) {
			return ResponseEntity.internalServerError().build();
		}

	}

	@ControllerAdvice
	static class FinalModelAttributeAdvice {

		@ExceptionHandler
		ResponseEntity<String> failed(IllegalStateException ex) {
			return ResponseEntity.internalServerError().build();
		}

		@ModelAttribute("region")
		final String region() {
			return "eu";
		}

	}

	@RestController
	static class PrivateMappingController {

		@GetMapping("/private")
		private String hidden() {
			return "hidden";
		}

		@ExceptionHandler
		ResponseEntity<String> failed(IllegalStateException ex) {
			return ResponseEntity.internalServerError().build();
		}

	}

	@ControllerAdvice
	static class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

		@ExceptionHandler
		ResponseEntity<String> failed(IllegalStateException ex) {
			return ResponseEntity.internalServerError().build();
		}

	}

	@ControllerAdvice
	static class PlainProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	}

}
