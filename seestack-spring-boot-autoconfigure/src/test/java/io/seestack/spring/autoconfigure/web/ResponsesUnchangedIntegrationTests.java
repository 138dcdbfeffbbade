package io.seestack.spring.autoconfigure.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.StatelessBasicSecurity;
import io.seestack.spring.autoconfigure.web.testapp.TestAdvice;
import io.seestack.spring.autoconfigure.web.testapp.TestEndpoints;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.context.request.WebRequest;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.httpItems;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same application twice, with SeeStack on and with {@code seestack.enabled=false}: every response (status,
 * headers but {@code Date}, body bytes) is the same, whatever the outcome, while the first one reports them.
 */
class ResponsesUnchangedIntegrationTests {

	private static IngestServer ingest;

	private static ConfigurableApplicationContext withSeeStack;

	private static ConfigurableApplicationContext withoutSeeStack;

	@BeforeAll
	static void start() {
		ingest = IngestServer.start();
		withSeeStack = start(true);
		withoutSeeStack = start(false);
	}

	@AfterAll
	static void stop() {
		withSeeStack.close();
		withoutSeeStack.close();
		ingest.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/json", "/stream", "/orders/7", "/nowhere", "/boom", "/async/hello", "/invalid",
			"/public/hello", "/public/boom" })
	void leavesTheResponseExactlyAsTheApplicationMadeIt(String path) {
		HttpResponse<byte[]> with = request(withSeeStack, path);
		HttpResponse<byte[]> without = request(withoutSeeStack, path);
		assertThat(with.statusCode()).isEqualTo(without.statusCode());
		assertThat(headers(with)).isEqualTo(headers(without));
		assertThat(with.body()).isEqualTo(without.body());
		assertThat(request(withSeeStack, path).body()).as("deterministic").isEqualTo(with.body());
	}

	/**
	 * Every path whose whole body the item can count: the application's own bodies, a 4xx body from its advice, and an
	 * error page after an async cycle. A synchronous request's error page is left out: its item is captured at the
	 * end of the request dispatch, before the container's error dispatch (see {@link SeeStackRequestFilter}).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/json", "/stream", "/orders/7", "/async/hello", "/public/hello", "/invalid",
			"/async/boom" })
	void reportsTheStatusAndSizeOfTheResponseSent(String path) {
		SeeStackClient client = withSeeStack.getBean(SeeStackClient.class);
		Payloads.flush(client);
		ingest.reset();
		HttpResponse<byte[]> response = request(withSeeStack, path);
		List<JsonNode> items = Payloads.awaitHttpItems(client, ingest, 1);
		assertThat(text(items.get(0), "path")).isEqualTo(path);
		assertThat(items.get(0).get("statusCode").asInt()).isEqualTo(response.statusCode());
		assertThat(items.get(0).get("responseSize").asLong()).isEqualTo(response.body().length);
		assertThat(httpItems(ingest)).hasSize(1);
	}

	private static HttpResponse<byte[]> request(ConfigurableApplicationContext context, String path) {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		return new TestHttp(port).get(path, "Authorization", TestHttp.basic("alice"));
	}

	private static Map<String, List<String>> headers(HttpResponse<byte[]> response) {
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.putAll(response.headers().map());
		headers.remove("date");
		return headers;
	}

	private static ConfigurableApplicationContext start(boolean enabled) {
		return new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "seestack.enabled=" + enabled,
					"seestack.api-key=" + IngestServer.API_KEY, "seestack.host=" + ingest.url(),
					"seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e", "seestack.flush-interval=100ms",
					"seestack.send-default-pii=true")
			.run();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ TestEndpoints.class, TestAdvice.class, StatelessBasicSecurity.class })
	static class App {

		@Bean
		InMemoryUserDetailsManager users() {
			return StatelessBasicSecurity.users("alice");
		}

		/** The error page without its timestamp, so that two error responses can be compared byte for byte. */
		@Bean
		DefaultErrorAttributes errorAttributes() {
			return new DefaultErrorAttributes() {

				@Override
				public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
					Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
					attributes.remove("timestamp");
					return attributes;
				}

			};
		}

	}

}
