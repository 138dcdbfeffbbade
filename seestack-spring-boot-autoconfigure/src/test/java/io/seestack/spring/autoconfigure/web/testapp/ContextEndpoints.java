package io.seestack.spring.autoconfigure.web.testapp;

import java.security.Principal;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.seestack.Level;
import io.seestack.SeeStackClient;
import io.seestack.User;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.scheduling.annotation.Async;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Endpoints that hand a request's work to other threads, or set the user themselves: what the request context
 * tests drive.
 */
@RestController
public class ContextEndpoints {

	/** One instance for every request, as the JVM throws for hot {@code NullPointerException}s. */
	static final NullPointerException PREALLOCATED = new NullPointerException();

	private static final Logger APPLICATION_LOG = LoggerFactory.getLogger("com.example.shop.Checkout");

	private static final Logger SDK_LOG = LoggerFactory.getLogger("io.seestack.internal.delivery.Dispatcher");

	private final SeeStackClient client;

	private final AsyncWork asyncWork;

	private final ExecutorService workers = Executors.newFixedThreadPool(4);

	private final ExecutorService wrappedWorkers;

	ContextEndpoints(SeeStackClient client, AsyncWork asyncWork) {
		this.client = client;
		this.asyncWork = asyncWork;
		this.wrappedWorkers = client.wrap(Executors.newFixedThreadPool(4));
	}

	@PreDestroy
	void stop() {
		this.workers.shutdownNow();
		this.wrappedWorkers.shutdownNow();
	}

	/** The application names its own customer id, as the resolver example in the docs does, then fails. */
	@GetMapping("/context/custom-user")
	String customUser(Principal principal) {
		this.client.setUser(User.builder().id("cust-" + principal.getName()).build());
		throw new IllegalStateException("failed for a customer");
	}

	@GetMapping("/context/preallocated")
	String preallocated() {
		throw PREALLOCATED;
	}

	/** Runs on past the async timeout, ignoring the interrupt that cancels it. */
	@GetMapping("/context/slow-callable")
	Callable<String> slowCallable() {
		return () -> {
			long deadline = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
			while (System.nanoTime() < deadline) {
				try {
					TimeUnit.MILLISECONDS.sleep(50);
				}
				catch (InterruptedException ignored) {
					// as careless code does
				}
			}
			return "too late";
		};
	}

	/** Logs a warning through SLF4J, as application code does. */
	@GetMapping({ "/context/log-warn", "/public/context/log-warn" })
	String logWarn() {
		APPLICATION_LOG.warn("Payment declined for order {}", "ORD-7");
		return "logged";
	}

	/** Logs a warning under a SeeStack logger name, as the SDK's own code does. */
	@GetMapping("/public/context/sdk-warn")
	String sdkWarn() {
		SDK_LOG.warn("SeeStack could not deliver LOGS (a test)");
		return "logged";
	}

	/** What the MDC holds while the request runs. */
	@GetMapping({ "/context/mdc", "/public/context/mdc" })
	String mdc() {
		return MDC.get("userId") + "|" + MDC.get("seestack.traceId") + "|" + MDC.get("seestack.sessionId");
	}

	/** Starts an {@code @Async} task that fails and logs, and waits for it. */
	@GetMapping({ "/public/context/async-task", "/context/async-task" })
	String asyncTask() throws Exception {
		this.asyncWork.failAndLog("async task").get(10, TimeUnit.SECONDS);
		return "done";
	}

	@GetMapping("/context/users/{user}/callable-boom")
	Callable<String> callableBoom(@PathVariable String user) {
		return () -> {
			this.client.captureLog(Level.INFO, "callable log for " + user, null);
			throw new IllegalStateException("boom for " + user);
		};
	}

	@GetMapping("/context/users/{user}/deferred-boom")
	DeferredResult<String> deferredBoom(@PathVariable String user) {
		DeferredResult<String> result = new DeferredResult<>();
		this.client.captureLog(Level.INFO, "deferred log for " + user, null);
		this.workers.execute(() -> result.setErrorResult(new IllegalStateException("boom for " + user)));
		return result;
	}

	@GetMapping("/context/users/{user}/wrapped-work")
	String wrappedWork(@PathVariable String user) throws Exception {
		this.wrappedWorkers.submit(() -> {
			this.client.captureLog(Level.INFO, "wrapped log for " + user, null);
			this.client.captureError(new IllegalStateException("boom for " + user));
		}).get(10, TimeUnit.SECONDS);
		return "done";
	}

	/** {@code @Async} methods, on Boot's {@code applicationTaskExecutor}. */
	public static class AsyncWork {

		private final SeeStackClient client;

		public AsyncWork(SeeStackClient client) {
			this.client = client;
		}

		@Async
		public CompletableFuture<Void> failAndLog(String what) {
			this.client.captureLog(Level.WARN, what + " logged", null);
			LoggerFactory.getLogger("com.example.shop.AsyncWork").warn(what + " warned through SLF4J");
			this.client.captureError(new IllegalStateException(what + " failed"));
			return CompletableFuture.completedFuture(null);
		}

	}

}
