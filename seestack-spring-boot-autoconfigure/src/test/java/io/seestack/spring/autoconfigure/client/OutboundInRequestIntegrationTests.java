package io.seestack.spring.autoconfigure.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.seestack.SeeStackClient;
import io.seestack.User;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet application, all auto-configured, that calls another service while handling a request: the outbound
 * items carry the request's user and trace id, with no code of the application's beyond saying who the user is.
 */
class OutboundInRequestIntegrationTests {

	private static IngestServer ingest;

	private static HttpServer service;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() throws IOException {
		ingest = IngestServer.start();
		service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		service.createContext("/", (exchange) -> {
			byte[] body = "{\"id\":42}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		service.start();
		context = new SpringApplicationBuilder(App.class)
			.resourceLoader(new DefaultResourceLoader(new FilteredClassLoader("org.springframework.security")))
			.properties("server.port=0", "spring.main.banner-mode=off", "seestack.api-key=" + IngestServer.API_KEY,
					"seestack.host=" + ingest.url(), "seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e",
					"seestack.flush-interval=100ms",
					"test.service-url=http://127.0.0.1:" + service.getAddress().getPort())
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
		service.stop(0);
		ingest.close();
	}

	@Test
	void theOutboundCallsOfARequestCarryItsUserAndTraceId() {
		TestHttp http = new TestHttp(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
		assertThat(http.get("/profiles/42", "traceparent", TestHttp.traceparent(7)).statusCode()).isEqualTo(200);
		List<JsonNode> items = Payloads.awaitHttpItems(context.getBean(SeeStackClient.class), ingest, 3);
		assertThat(items).extracting((item) -> text(item, "direction") + " " + text(item, "path"))
			.containsExactlyInAnyOrder("inbound /profiles/42", "outbound /users/{id}", "outbound /users/{id}/orders");
		assertThat(items).allSatisfy((item) -> {
			assertThat(text(item, "userId")).isEqualTo("ada");
			assertThat(text(item, "traceId")).isEqualTo(TestHttp.traceId(7));
		});
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ProfileController.class)
	static class App {

	}

	@RestController
	static class ProfileController {

		private final SeeStackClient seeStack;

		private final RestClient restClient;

		private final WebClient webClient;

		ProfileController(SeeStackClient seeStack, RestClient.Builder restClient, WebClient.Builder webClient,
				Environment environment) {
			this.seeStack = seeStack;
			String serviceUrl = environment.getRequiredProperty("test.service-url");
			this.restClient = restClient.baseUrl(serviceUrl).build();
			this.webClient = webClient.baseUrl(serviceUrl).build();
		}

		@GetMapping("/profiles/{id}")
		String profile(@PathVariable long id) {
			this.seeStack.setUser(User.builder().id("ada").build());
			String user = this.restClient.get().uri("/users/{id}", id).retrieve().body(String.class);
			String orders = this.webClient.get()
				.uri("/users/{id}/orders", id)
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(10));
			return user + orders;
		}

	}

}
