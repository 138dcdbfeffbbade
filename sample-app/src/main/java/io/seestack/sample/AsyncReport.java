package io.seestack.sample;

import java.util.concurrent.CompletableFuture;

import io.seestack.SeeStackClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * Work the sample hands to Spring Boot's task executor with {@code @Async}: it logs a warning through SLF4J and
 * reports a failure, and both carry the user of the request that started it, with no code for that.
 */
@Service
class AsyncReport {

	private static final Logger log = LoggerFactory.getLogger(AsyncReport.class);

	private final SeeStackClient seeStack;

	AsyncReport(SeeStackClient seeStack) {
		this.seeStack = seeStack;
	}

	@Async
	CompletableFuture<Void> run(String ref) {
		log.warn("The nightly report is late (ref {})", ref);
		this.seeStack.captureError(new IllegalStateException("The async report failed (ref " + ref + ")"));
		return CompletableFuture.completedFuture(null);
	}

}
