package io.seestack.spring.autoconfigure.web;

import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.TestAdvice;
import io.seestack.spring.autoconfigure.web.testapp.TestEndpoints;
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
import org.springframework.core.io.DefaultResourceLoader;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.errors;
import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet application whose class loader hides Spring Security: the request filter alone scopes requests,
 * reports them, and captures their exceptions with the IP-only user.
 */
class WithoutSpringSecurityIntegrationTests {

	private static IngestServer ingest;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		ingest = IngestServer.start();
		context = new SpringApplicationBuilder(App.class)
			.resourceLoader(new DefaultResourceLoader(new FilteredClassLoader("org.springframework.security")))
			.properties("server.port=0", "spring.main.banner-mode=off", "seestack.api-key=" + IngestServer.API_KEY,
					"seestack.host=" + ingest.url(), "seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e",
					"seestack.flush-interval=100ms", "seestack.send-default-pii=true")
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
		ingest.close();
	}

	@Test
	void scopesReportsAndCapturesWithoutSpringSecurity() {
		assertThat(context.getBeanNamesForType(SeeStackRequestFilter.class)).hasSize(1);
		assertThat(context.containsBean("springSecurityFilterChain")).isFalse();
		assertThat(context.containsBean("seeStackUserFilter")).isFalse();
		TestHttp http = new TestHttp(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
		assertThat(http.get("/json").statusCode()).isEqualTo(200);
		assertThat(http.get("/boom").statusCode()).isEqualTo(500);
		List<JsonNode> items = Payloads.awaitHttpItems(context.getBean(SeeStackClient.class), ingest, 2);
		assertThat(items).extracting((item) -> text(item, "path") + " " + item.get("statusCode").asInt())
			.containsExactlyInAnyOrder("/json 200", "/boom 500");
		assertThat(errors(ingest)).singleElement().satisfies((error) -> {
			assertThat(text(error, "user", "ip")).isEqualTo("127.0.0.1");
			assertThat(error.get("user").has("id")).isFalse();
			assertThat(text(error, "metadata", "http.route")).isEqualTo("/boom");
		});
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ TestEndpoints.class, TestAdvice.class })
	static class App {

	}

}
