package io.seestack.sample;

/**
 * The application's own "try again later" failure, which {@link SampleExceptionHandler} answers with 503.
 */
class InventoryUnavailableException extends RuntimeException {

	InventoryUnavailableException(String message) {
		super(message);
	}

}
