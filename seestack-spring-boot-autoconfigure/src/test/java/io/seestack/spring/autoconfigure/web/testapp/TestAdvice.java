package io.seestack.spring.autoconfigure.web.testapp;

import io.seestack.SeeStackClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The application's own exception handling: 5xx and 4xx outcomes, and one that captures the exception itself.
 */
@RestControllerAdvice
public class TestAdvice {

	private final ObjectProvider<SeeStackClient> client;

	TestAdvice(ObjectProvider<SeeStackClient> client) {
		this.client = client;
	}

	@ExceptionHandler(TestEndpoints.ReportedException.class)
	ResponseEntity<String> reported(TestEndpoints.ReportedException ex) {
		this.client.ifAvailable((seeStack) -> seeStack.captureError(ex));
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body("reported");
	}

	@ExceptionHandler(TestEndpoints.OrderFailedException.class)
	ResponseEntity<String> orderFailed(TestEndpoints.OrderFailedException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30")
			.body("order service unavailable");
	}

	@ExceptionHandler(TestEndpoints.InvalidInputException.class)
	ResponseEntity<String> invalidInput(TestEndpoints.InvalidInputException ex) {
		return ResponseEntity.badRequest().body("invalid input");
	}

}
