package io.seestack.sample;

import java.security.Principal;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.seestack.Level;
import io.seestack.SeeStackClient;
import io.seestack.User;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * What the sample page calls: who the visitor is, and one endpoint per thing SeeStack captures. Every action takes
 * a {@code ref} that the page makes up per click and that ends up in the captured message, so that a click and its
 * payloads can be matched. The actions are {@code GET}s so that they also work from curl or the address bar; they
 * change nothing but what SeeStack captures.
 */
@RestController
@RequestMapping("/api")
class DemoController {

	private static final Pattern REF = Pattern.compile("[A-Za-z0-9-]{1,40}");

	private static final Logger log = LoggerFactory.getLogger(DemoController.class);

	private final SeeStackClient seeStack;

	private final AsyncReport asyncReport;

	private final RestClient restClient;

	DemoController(SeeStackClient seeStack, AsyncReport asyncReport, RestClient.Builder restClient) {
		this.seeStack = seeStack;
		this.asyncReport = asyncReport;
		this.restClient = restClient.build();
	}

	/**
	 * Who the visitor is, for Spring Security and for SeeStack, and the CSRF token the page's logout form needs.
	 */
	@GetMapping("/me")
	Me me(@Nullable Principal principal, CsrfToken csrf) {
		String seeStackUser = this.seeStack.getCurrentUser().map(User::id).orElse(null);
		return new Me(principal != null, (principal != null) ? principal.getName() : null, seeStackUser,
				csrf.getParameterName(), csrf.getToken());
	}

	/** An exception nothing handles: a 500, captured as an error. */
	@GetMapping("/demo/unhandled")
	Map<String, String> unhandled(@RequestParam(defaultValue = "none") String ref) {
		throw new IllegalStateException("Unhandled failure from the sample page (ref " + ref(ref) + ")");
	}

	/** An exception {@link SampleExceptionHandler} turns into a 503: still captured, as it is a 5xx. */
	@GetMapping("/demo/unavailable")
	Map<String, String> unavailable(@RequestParam(defaultValue = "none") String ref) {
		throw new InventoryUnavailableException("The inventory service is unavailable (ref " + ref(ref) + ")");
	}

	/** A log entry sent through SeeStack; it carries the request's user in its metadata. */
	@GetMapping("/demo/log")
	Map<String, String> log(@RequestParam(defaultValue = "none") String ref) {
		String safeRef = ref(ref);
		this.seeStack.captureLog(Level.INFO, "Hello from the sample page (ref " + safeRef + ")",
				Map.of("ref", safeRef, "source", "sample-page"));
		return Map.of("logged", "Hello from the sample page", "ref", safeRef);
	}

	/** A warning logged through SLF4J, as application code does: SeeStack sends it with the request's user. */
	@GetMapping("/demo/slf4j")
	Map<String, String> slf4j(@RequestParam(defaultValue = "none") String ref) {
		String safeRef = ref(ref);
		log.warn("Stock is running low (ref {})", safeRef);
		return Map.of("logged", "Stock is running low", "ref", safeRef);
	}

	/** An {@code @Async} task that logs and fails on another thread, with the request's user. */
	@GetMapping("/demo/async")
	Map<String, String> async(@RequestParam(defaultValue = "none") String ref) throws Exception {
		String safeRef = ref(ref);
		this.asyncReport.run(safeRef).get(10, TimeUnit.SECONDS);
		return Map.of("ran", "The async report", "ref", safeRef);
	}

	/**
	 * A call to another service, here this application's own health endpoint: SeeStack records it as an outbound
	 * HTTP item with the request's user (the query, which can carry secrets, is never sent).
	 */
	@GetMapping("/demo/outbound")
	Map<String, String> outbound(@RequestParam(defaultValue = "none") String ref, HttpServletRequest request) {
		String safeRef = ref(ref);
		String health = this.restClient.get()
			.uri("http://127.0.0.1:{port}/actuator/health?ref={ref}", request.getLocalPort(), safeRef)
			.retrieve()
			.body(String.class);
		return Map.of("called", "/actuator/health", "answer", String.valueOf(health), "ref", safeRef);
	}

	/** The ref as given when it looks like one the page makes, so that no input ends up in a message as is. */
	private static String ref(String ref) {
		return REF.matcher(ref).matches() ? ref : "invalid";
	}

	/**
	 * @param authenticated whether Spring Security knows the visitor
	 * @param name the visitor's name, if authenticated
	 * @param seeStackUser the ID of the user that SeeStack attaches to what this request captures
	 * @param csrfParameter the form field that carries the CSRF token
	 * @param csrfToken the CSRF token, for the logout form
	 */
	record Me(boolean authenticated, @Nullable String name, @Nullable String seeStackUser, String csrfParameter,
			String csrfToken) {
	}

}
