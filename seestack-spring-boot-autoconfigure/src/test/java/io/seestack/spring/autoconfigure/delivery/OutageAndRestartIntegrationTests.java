package io.seestack.spring.autoconfigure.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.seestack.spring.autoconfigure.web.testapp.StatelessBasicSecurity;
import io.seestack.spring.autoconfigure.web.testapp.TestAdvice;
import io.seestack.spring.autoconfigure.web.testapp.TestEndpoints;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole starter through a backend outage with a restart in the middle, as a deploy during an incident does:
 * the backend answers 503 while one application instance serves requests that each fail with a handled 503, the
 * instance stops, a new one starts on the same spool and serves as many more, then the backend recovers. Every
 * error and every HTTP item arrives, with its own request's user.
 */
class OutageAndRestartIntegrationTests {

	private static final List<String> USERS = List.of("ada", "grace", "alan", "barbara");

	private static final int REQUESTS_PER_INSTANCE = 120;

	private static final String ERRORS = "/ingest/v1/errors";

	private static final String HTTP_ITEMS = "/ingest/v1/http-requests";

	@TempDir
	Path spool;

	private IngestServer ingest;

	@BeforeEach
	void startIngest() {
		this.ingest = IngestServer.start();
	}

	@AfterEach
	void stopIngest() {
		this.ingest.close();
	}

	@Test
	void everyErrorAndItemOfBothInstancesArrivesWithItsUserOnceTheBackendRecovers() {
		this.ingest.respond(ERRORS, 503);
		this.ingest.respond(HTTP_ITEMS, 503);
		Map<String, String> userOfOrder = new HashMap<>();
		for (int instance = 0; instance < 2; instance++) {
			try (ConfigurableApplicationContext context = start()) {
				TestHttp http = new TestHttp(
						context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
				for (int i = 0; i < REQUESTS_PER_INSTANCE; i++) {
					String order = "o" + instance + "x" + i;
					String user = USERS.get(i % USERS.size());
					userOfOrder.put(order, user);
					assertThat(http.get("/orders/" + order, "Authorization", TestHttp.basic(user)).statusCode())
						.isEqualTo(503);
				}
			}
			assertThat(this.ingest.acceptedBodies(ERRORS)).as("nothing accepted during the outage").isEmpty();
			assertThat(this.ingest.count(ERRORS)).as("sends tried during the outage").isPositive();
		}

		this.ingest.respond(ERRORS, 202);
		this.ingest.respond(HTTP_ITEMS, 202);
		try (ConfigurableApplicationContext afterTheOutage = start()) {
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				assertThat(userOfErrors()).containsAllEntriesOf(userOfOrder);
				assertThat(userOfItems()).containsAllEntriesOf(userOfOrder);
			});
		}
		assertThat(userOfErrors()).isEqualTo(userOfOrder);
	}

	/** The user of each order's error that the backend accepted; a duplicate must name the same user. */
	private Map<String, String> userOfErrors() {
		return this.ingest.acceptedBodies(ERRORS).stream().collect(Collectors.toMap(
				(error) -> error.get("message").asString().split(" ")[1], (error) -> error.get("user").get("id").asString(),
				OutageAndRestartIntegrationTests::same));
	}

	private Map<String, String> userOfItems() {
		return this.ingest.acceptedBodies(HTTP_ITEMS).stream()
			.flatMap((batch) -> stream(batch.get("requests")))
			.collect(Collectors.toMap((item) -> item.get("path").asString().substring("/orders/".length()),
					(item) -> item.get("userId").asString(), OutageAndRestartIntegrationTests::same));
	}

	private static String same(String first, String second) {
		assertThat(second).as("a duplicate's user").isEqualTo(first);
		return first;
	}

	private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
		return java.util.stream.StreamSupport.stream(array.spliterator(), false);
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "seestack.api-key=" + IngestServer.API_KEY,
					"seestack.host=" + this.ingest.url(), "seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e",
					"seestack.flush-interval=100ms", "seestack.spool.directory=" + this.spool,
					// Requests come faster here than in a real outage: the rate limit would hold back repeats.
					"seestack.identical-errors-per-second=0")
			// An argument, since the build turns the spool off for every test with a system property.
			.run("--seestack.spool.enabled=true");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ TestEndpoints.class, TestAdvice.class, StatelessBasicSecurity.class })
	static class App {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(USERS.stream()
				.map((name) -> User.withUsername(name).password(TestHttp.PASSWORD).roles("USER").build())
				.toList());
		}

	}

}
