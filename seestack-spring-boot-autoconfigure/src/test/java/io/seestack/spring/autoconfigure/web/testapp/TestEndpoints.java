package io.seestack.spring.autoconfigure.web.testapp;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.seestack.SeeStackClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The endpoints of the test applications: plain, failing in each way that matters to exception capture, async,
 * streamed, and per-user for the concurrency test.
 */
@RestController
public class TestEndpoints {

	private final ObjectProvider<SeeStackClient> client;

	TestEndpoints(ObjectProvider<SeeStackClient> client) {
		this.client = client;
	}

	@GetMapping({ "/hello", "/public/hello" })
	String hello(Principal principal) {
		return "hello " + ((principal != null) ? principal.getName() : "anonymous");
	}

	@GetMapping({ "/boom", "/public/boom" })
	String boom() {
		throw new IllegalStateException("boom");
	}

	@GetMapping("/orders/{id}")
	String order(@PathVariable String id) {
		throw new OrderFailedException("order " + id + " failed");
	}

	@GetMapping("/reported")
	String reported() {
		throw new ReportedException("reported by the application");
	}

	@GetMapping("/invalid")
	String invalid() {
		throw new InvalidInputException("invalid input");
	}

	@GetMapping("/gone")
	String gone() {
		throw new ResponseStatusException(HttpStatus.NOT_FOUND, "gone");
	}

	@GetMapping("/conflict")
	String conflict() {
		throw new ResponseStatusException(HttpStatus.CONFLICT, "conflict");
	}

	/** A warning logged through SLF4J, as application code does. */
	@GetMapping({ "/warn", "/public/warn" })
	String warn() {
		org.slf4j.LoggerFactory.getLogger("com.example.shop.Orders").warn("Order total recalculated");
		return "warned";
	}

	@GetMapping("/items/{id}")
	String item(@PathVariable long id) {
		return "item " + id;
	}

	@GetMapping("/forbidden")
	String forbidden() {
		throw new AccessDeniedException("not for you");
	}

	@GetMapping("/ignored")
	String ignored() {
		throw new IgnoredException("ignored");
	}

	@GetMapping("/async/hello")
	Callable<String> asyncHello(Principal principal) {
		return () -> "async hello " + principal.getName();
	}

	@GetMapping("/async/boom")
	Callable<String> asyncBoom() {
		return () -> {
			throw new IllegalStateException("async boom");
		};
	}

	@GetMapping("/async/capture")
	Callable<String> asyncCapture() {
		return () -> {
			this.client.getObject().captureError(new IllegalStateException("captured in a callable"));
			return "captured";
		};
	}

	@GetMapping(path = "/json", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> json() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", 42);
		body.put("name", "Zoë");
		body.put("tags", List.of("a", "b"));
		return body;
	}

	@GetMapping("/stream")
	ResponseEntity<StreamingResponseBody> stream() {
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body((out) -> {
			for (int i = 0; i < 200; i++) {
				out.write(("line " + i + " ✓\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
		});
	}

	@GetMapping("/users/{user}/hello")
	String userHello(@PathVariable String user, Principal principal) {
		return "hello " + user + " as " + ((principal != null) ? principal.getName() : "anonymous");
	}

	@GetMapping("/users/{user}/boom")
	String userBoom(@PathVariable String user) {
		throw new IllegalStateException("boom for " + user);
	}

	/** Handled by {@link TestAdvice} with 503. */
	public static class OrderFailedException extends RuntimeException {

		OrderFailedException(String message) {
			super(message);
		}

	}

	/** Captured by {@link TestAdvice} itself, then answered with 502. */
	public static class ReportedException extends RuntimeException {

		ReportedException(String message) {
			super(message);
		}

	}

	/** Handled by {@link TestAdvice} with 400. */
	public static class InvalidInputException extends RuntimeException {

		InvalidInputException(String message) {
			super(message);
		}

	}

	/** Listed in {@code seestack.exceptions.ignored} by the applications that test it. */
	public static class IgnoredException extends RuntimeException {

		IgnoredException(String message) {
			super(message);
		}

	}

}
