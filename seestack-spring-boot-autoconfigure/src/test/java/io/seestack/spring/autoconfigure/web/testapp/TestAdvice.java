package io.seestack.spring.autoconfigure.web.testapp;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The application's own exception handling: a 5xx and a 4xx outcome.
 */
@RestControllerAdvice
public class TestAdvice {

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
