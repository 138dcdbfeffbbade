package io.seestack.compat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.seestack.SeeStackClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.SpringVersion;
import org.springframework.security.core.SpringSecurityCoreVersion;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a real application of the module's Boot line, on Tomcat, with Spring Security, against a real
 * ingest server on loopback: every auto-configuration that such an application switches on, each checked by what
 * arrives at the ingest server or what Actuator shows.
 */
@SpringBootTest(classes = CompatApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "seestack.api-key=" + LoopbackIngest.API_KEY,
				"seestack.project-id=0f8fad5b-d9cb-469f-a165-70867728950e", "seestack.flush-interval=100ms",
				"seestack.send-default-pii=true", "seestack.trusted-proxies=127.0.0.1",
				"management.endpoints.web.exposure.include=health,seestack",
				"management.endpoint.health.show-details=always" })
class StarterCompatibilityTests {

	private static final LoopbackIngest ingest = new LoopbackIngest();

	@LocalServerPort
	private int port;

	@Autowired
	private SeeStackClient client;

	@Autowired
	private ApplicationContext context;

	private Http http;

	@DynamicPropertySource
	static void ingestHost(DynamicPropertyRegistry registry) {
		registry.add("seestack.host", ingest::url);
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		flush();
		ingest.reset();
	}

	@Test
	void runsWithTheVersionsItsBootLineManages() {
		assertThat(SpringBootVersion.getVersion()).startsWith(System.getProperty("seestack.boot-line") + ".");
		assertThat(SpringVersion.getVersion()).startsWith(System.getProperty("expected.spring-framework"));
		assertThat(SpringSecurityCoreVersion.getVersion()).startsWith(System.getProperty("expected.spring-security"));
		String jsonMapper = System.getProperty("expected.json-mapper");
		assertThat(this.context.getBeanNamesForType(ClassUtils.resolveClassName(jsonMapper, null)))
			.as("the application's own JSON mapper, %s", jsonMapper)
			.isNotEmpty();
		assertThat(com.fasterxml.jackson.annotation.JsonInclude.class.getPackage().getImplementationVersion())
			.as("jackson-annotations")
			.startsWith(System.getProperty("expected.jackson-annotations"));
	}

	@Test
	void errorsItemsAndLogsCarryTheUser() {
		assertThat(this.http.get("/boom", "Authorization", Http.basic("ada")).statusCode()).isEqualTo(500);
		assertThat(this.http.get("/warn", "Authorization", Http.basic("bo")).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/public/boom").statusCode()).isEqualTo(500);

		assertThat(items(3)).containsExactlyInAnyOrder("GET /boom 500 ada", "GET /warn 200 bo",
				"GET /public/boom 500 null");
		assertThat(ingest.bodies("/ingest/v1/errors")).extracting((error) -> text(error, "message") + " "
				+ text(error, "user", "id") + " " + text(error, "user", "ip"))
			.containsExactlyInAnyOrder("boom ada 127.0.0.1", "boom null 127.0.0.1");
		assertThat(ingest.bodies("/ingest/v1/logs"))
			.filteredOn((log) -> "Order total recalculated".equals(text(log, "message")))
			.extracting((log) -> text(log, "metadata", "userId"))
			.containsExactly("bo");
	}

	@Test
	void formLoginAttributesTheSessionAndLogoutEndsIt() {
		assertThat(this.http.postForm("/login", "username=ada&password=" + CompatApp.PASSWORD).statusCode())
			.isEqualTo(302);
		assertThat(this.http.get("/hello").statusCode()).isEqualTo(200);
		assertThat(this.http.postForm("/logout", "").statusCode()).isEqualTo(204);
		assertThat(this.http.get("/public/hello").statusCode()).isEqualTo(200);

		assertThat(items(4)).containsExactlyInAnyOrder("POST /login 302 ada", "GET /hello 200 ada",
				"POST /logout 204 null", "GET /public/hello 200 null");
	}

	@Test
	void capturesExceptionsByTheirFinalStatus() {
		assertThat(this.http.get("/unavailable", "Authorization", Http.basic("ada")).statusCode()).isEqualTo(503);
		assertThat(this.http.get("/invalid", "Authorization", Http.basic("ada")).statusCode()).isEqualTo(400);

		assertThat(items(2)).containsExactlyInAnyOrder("GET /unavailable 503 ada", "GET /invalid 400 ada");
		assertThat(ingest.bodies("/ingest/v1/errors"))
			.extracting((error) -> text(error, "message") + " " + text(error, "user", "id"))
			.containsExactly("order service down ada");
	}

	@Test
	void takesTheClientIpFromATrustedProxyOnly() {
		this.http.get("/boom", "Authorization", Http.basic("ada"), "X-Forwarded-For", "203.0.113.9, 198.51.100.2");

		items(1);
		assertThat(ingest.bodies("/ingest/v1/errors")).extracting((error) -> text(error, "user", "ip"))
			.containsExactly("198.51.100.2");
	}

	@Test
	void outboundCallsThroughBootsBuildersCarryTheUser() {
		assertThat(this.http.get("/outbound", "Authorization", Http.basic("ada")).statusCode()).isEqualTo(200);

		assertThat(items(7)).containsExactlyInAnyOrder("GET /outbound 200 ada", "GET /public/hello 200 null",
				"GET /public/hello 200 null", "GET /public/hello 200 null", "outbound GET /public/hello 200 ada",
				"outbound GET /public/hello 200 ada", "outbound GET /public/hello 200 ada");
	}

	@Test
	void metersCountWhatWasSent() {
		this.http.get("/boom", "Authorization", Http.basic("ada"));
		items(1);

		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		assertThat(registry.find("seestack.buffer.size").gauges()).isNotEmpty();
		assertThat(registry.find("seestack.events.sent").tag("feature", "errors").counter()).isNotNull()
			.satisfies((counter) -> assertThat(counter.count()).isPositive());
	}

	@Test
	void healthShowsSeeStackSending() {
		var response = this.http.get("/actuator/health/seestack");

		assertThat(response.statusCode()).isEqualTo(200);
		Object health = JsonText.parse(response.body());
		assertThat(text(health, "status")).isEqualTo("UP");
		assertThat(text(health, "details", "mode")).isEqualTo("remote");
		assertThat(text(health, "details", "host")).isEqualTo(ingest.url());
	}

	@Test
	void endpointShowsTheClientsStatusInTheApplicationsJson() {
		var response = this.http.get("/actuator/seestack");

		assertThat(response.statusCode()).isEqualTo(200);
		Map<?, ?> status = (Map<?, ?>) JsonText.parse(response.body());
		assertThat(text(status, "mode")).isEqualTo("REMOTE");
		assertThat(status.containsKey("disabledReason")).as("disabledReason written even as null").isTrue();
		assertThat(status.get("disabledReason")).isNull();
		assertThat(text(status, "features", "ERRORS", "capacity")).isEqualTo("500");
		assertThat(response.body()).doesNotContain(LoopbackIngest.API_KEY);
	}

	/**
	 * Waits for the HTTP items of the requests made, then flushes once more (a request's error and logs are captured
	 * before its item); each item as "[outbound ]METHOD path status user".
	 */
	private List<String> items(int count) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
			this.client.flush(Duration.ofSeconds(5));
			return received().size() >= count;
		});
		flush();
		List<String> items = received();
		assertThat(items).as("HTTP request items").hasSize(count);
		return items;
	}

	private static List<String> received() {
		List<String> items = new ArrayList<>();
		for (Object body : ingest.bodies("/ingest/v1/http-requests")) {
			for (Object item : (List<?>) ((Map<?, ?>) body).get("requests")) {
				items.add(("outbound".equals(text(item, "direction")) ? "outbound " : "") + text(item, "method") + " "
						+ text(item, "path") + " " + text(item, "statusCode") + " " + text(item, "userId"));
			}
		}
		return items;
	}

	private void flush() {
		assertThat(this.client.flush(Duration.ofSeconds(10))).as("everything captured was delivered").isTrue();
	}

	private static String text(Object node, String... names) {
		return JsonText.text(node, names);
	}

}
