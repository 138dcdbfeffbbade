package io.seestack.spring.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.seestack.Level;
import io.seestack.SeeStack;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackStatus;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code seestack.enabled=false} in a full application (web, Spring Security, Actuator, Micrometer) whose own code
 * injects {@code SeeStackClient}: it starts, the client is the no-op one, nothing is captured or sent, and the client
 * is the only SeeStack bean. The same application with SeeStack on shows that the same requests would be sent and
 * that the bean inventory sees SeeStack's beans.
 */
class SwitchedOffIntegrationTests {

	private static IngestServer ingest;

	@BeforeAll
	static void startIngest() {
		ingest = IngestServer.start();
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@BeforeEach
	void resetIngest() {
		ingest.reset();
	}

	@Test
	void startsWithTheNoopClientInjectedCapturesNothingAndRegistersNothingElse() {
		// Cached @SpringBootTest contexts of other test classes may have installed their client: this one must not.
		SeeStackClient facade = SeeStack.getClient();
		try (ConfigurableApplicationContext context = start(false)) {
			SeeStackClient client = context.getBean(SeeStackClient.class);
			assertThat(client).isSameAs(SeeStackClient.noop());
			assertThat(context.getBean(Checkout.class).seeStack).isSameAs(client);
			assertThat(client.status().mode()).isEqualTo(SeeStackStatus.Mode.OFF);
			assertThat(SeeStack.getClient()).as("the static facade").isSameAs(facade);
			assertThat(seeStackBeans(context)).containsOnlyKeys("seeStackClient");

			TestHttp http = new TestHttp(port(context));
			assertThat(http.get("/pay").statusCode()).isEqualTo(200);
			assertThat(http.get("/fail").statusCode()).isEqualTo(500);
			assertThat(client.flush(Duration.ofSeconds(1))).isTrue();
			// Nothing can send with the no-op client; give a wrongly registered one a flush interval to show up.
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
				.until(() -> ingest.count("/ingest/v1/") == 0);
		}
	}

	@Test
	void theSameApplicationWithSeeStackOnSendsWhatTheRequestsCapture() {
		try (ConfigurableApplicationContext context = start(true)) {
			assertThat(seeStackBeans(context)).containsKeys("seeStackClient", "seeStackFacadeInstaller",
					"seeStackRequestFilterRegistration", "seeStackUserFilterRegistration",
					"seeStackMeterDeliveryListener", "seestackHealthIndicator");
			TestHttp http = new TestHttp(port(context));
			assertThat(http.get("/pay").statusCode()).isEqualTo(200);
			assertThat(http.get("/fail").statusCode()).isEqualTo(500);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> ingest.count("/ingest/v1/errors") >= 1 && ingest.count("/ingest/v1/logs") >= 1
						&& ingest.count("/ingest/v1/http-requests") >= 1);
		}
	}

	private static ConfigurableApplicationContext start(boolean enabled) {
		return new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "seestack.enabled=" + enabled,
					"seestack.api-key=" + IngestServer.API_KEY, "seestack.host=" + ingest.url(),
					"seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e", "seestack.flush-interval=100ms",
					"management.endpoints.web.exposure.include=health,seestack")
			.run();
	}

	/**
	 * The beans that SeeStack's auto-configurations registered, by name: those whose name or type mentions
	 * SeeStack, without the configuration classes themselves and this test's own beans.
	 */
	private static Map<String, Class<?>> seeStackBeans(ConfigurableApplicationContext context) {
		List<Class<?>> own = List.of(App.class, Checkout.class, Endpoints.class);
		return Arrays.stream(context.getBeanDefinitionNames())
			.filter((name) -> context.getType(name) != null)
			.filter((name) -> name.toLowerCase(Locale.ROOT).contains("seestack")
					|| context.getType(name).getName().toLowerCase(Locale.ROOT).contains("seestack"))
			.filter((name) -> !AnnotatedElementUtils.hasAnnotation(context.getType(name), Configuration.class))
			.filter((name) -> !own.contains(context.getType(name)))
			.collect(Collectors.toMap((name) -> name, context::getType));
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Checkout.class, Endpoints.class })
	static class App {

		@Bean
		SecurityFilterChain permitAll(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

	/** Application code that injects the client, as the getting-started guide shows. */
	static class Checkout {

		final SeeStackClient seeStack;

		Checkout(SeeStackClient seeStack) {
			this.seeStack = seeStack;
		}

		void pay() {
			this.seeStack.captureLog(Level.INFO, "Paying order", Map.of("orderId", 42));
		}

	}

	@RestController
	static class Endpoints {

		private final Checkout checkout;

		Endpoints(Checkout checkout) {
			this.checkout = checkout;
		}

		@GetMapping("/pay")
		String pay() {
			this.checkout.pay();
			return "paid";
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("payment failed");
		}

	}

}
