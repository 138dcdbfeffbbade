package io.seestack.compat;

import java.security.Principal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/** The application's endpoints, and its own exception handling (a 503 and a 400). */
@RestController
class CompatEndpoints {

	private static final Logger logger = LoggerFactory.getLogger("com.example.shop.Checkout");

	private final ObjectProvider<RestClient.Builder> restClient;

	private final ObjectProvider<WebClient.Builder> webClient;

	private final ApplicationContext context;

	private final Environment environment;

	CompatEndpoints(ObjectProvider<RestClient.Builder> restClient, ObjectProvider<WebClient.Builder> webClient,
			ApplicationContext context, Environment environment) {
		this.restClient = restClient;
		this.webClient = webClient;
		this.context = context;
		this.environment = environment;
	}

	@GetMapping({ "/hello", "/public/hello" })
	String hello(Principal principal) {
		return "hello " + ((principal != null) ? principal.getName() : "anonymous");
	}

	@GetMapping({ "/boom", "/public/boom" })
	String boom() {
		throw new IllegalStateException("boom");
	}

	@GetMapping("/unavailable")
	String unavailable() {
		throw new OrderFailedException("order service down");
	}

	@GetMapping("/invalid")
	String invalid() {
		throw new InvalidInputException("quantity must be positive");
	}

	@GetMapping("/warn")
	String warn() {
		logger.warn("Order total recalculated");
		return "warned";
	}

	/** One call through each of Boot's client builders, to this application's own public endpoint. */
	@GetMapping("/outbound")
	String outbound() {
		String url = "http://127.0.0.1:" + this.environment.getProperty("local.server.port") + "/public/hello";
		String viaRestClient = this.restClient.getObject().build().get().uri(url).retrieve().body(String.class);
		String viaWebClient = this.webClient.getObject().build().get().uri(url).retrieve().bodyToMono(String.class)
			.block();
		String viaRestTemplate = restTemplate().getForObject(url, String.class);
		return viaRestClient + viaWebClient + viaRestTemplate;
	}

	/** Boot's RestTemplateBuilder moved in Boot 4 ({@code org.springframework.boot.restclient}). */
	private RestTemplate restTemplate() {
		String builder = ClassUtils.isPresent("org.springframework.boot.restclient.RestTemplateBuilder", null)
				? "org.springframework.boot.restclient.RestTemplateBuilder"
				: "org.springframework.boot.web.client.RestTemplateBuilder";
		try {
			Object bean = this.context.getBean(ClassUtils.forName(builder, null));
			return (RestTemplate) bean.getClass().getMethod("build").invoke(bean);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class OrderFailedException extends RuntimeException {

		OrderFailedException(String message) {
			super(message);
		}

	}

	static class InvalidInputException extends RuntimeException {

		InvalidInputException(String message) {
			super(message);
		}

	}

	@RestControllerAdvice
	static class Advice {

		@ExceptionHandler(OrderFailedException.class)
		ResponseEntity<String> orderFailed(OrderFailedException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("order service unavailable");
		}

		@ExceptionHandler(InvalidInputException.class)
		ResponseEntity<String> invalidInput(InvalidInputException ex) {
			return ResponseEntity.badRequest().body("invalid input");
		}

	}

}
