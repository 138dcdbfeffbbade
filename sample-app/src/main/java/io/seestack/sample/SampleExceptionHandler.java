package io.seestack.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The application's own exception handling. SeeStack still captures what it handles when the response is a 5xx
 * ({@code seestack.exceptions.minimum-status}, 500 by default).
 */
@RestControllerAdvice
class SampleExceptionHandler {

	@ExceptionHandler(InventoryUnavailableException.class)
	ResponseEntity<ProblemDetail> inventoryUnavailable(InventoryUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Inventory unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
	}

}
