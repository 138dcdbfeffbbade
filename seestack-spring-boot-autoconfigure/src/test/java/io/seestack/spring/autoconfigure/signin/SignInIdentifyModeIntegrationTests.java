package io.seestack.spring.autoconfigure.signin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import io.seestack.testsupport.ReceivedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code identify} mode, on the same application as {@link SignInIntegrationTests}: the login as typed, never more. */
@SpringBootTest(classes = SignInIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "seestack.api-key=" + IngestServer.API_KEY, "seestack.flush-interval=100ms",
				"seestack.security.sign-ins.mode=identify" })
@DirtiesContext
class SignInIdentifyModeIntegrationTests {

	private static final IngestServer ingest = IngestServer.start();

	private static final String WRONG_PASSWORD = "Identify-M0de-wrong-pw";

	@LocalServerPort
	private int port;

	@Autowired
	private SeeStackClient client;

	@DynamicPropertySource
	static void ingestHost(DynamicPropertyRegistry registry) {
		registry.add("seestack.host", ingest::url);
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@Test
	void sendsTheLoginAsTypedAndNeverThePassword() {
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString(("Mallory:" + WRONG_PASSWORD).getBytes(StandardCharsets.UTF_8));
		assertThat(new TestHttp(this.port).get("/hello", "Authorization", basic).statusCode()).isEqualTo(401);

		await().atMost(Duration.ofSeconds(10)).until(() -> {
			Payloads.flush(this.client);
			return !failedSignIns().isEmpty();
		});
		assertThat(text(failedSignIns().get(0), "metadata", "signIn", "login")).isEqualTo("Mallory");
		assertThat(ingest.received()).extracting(ReceivedRequest::body).noneMatch((body) -> body.contains(WRONG_PASSWORD));
	}

	private static List<JsonNode> failedSignIns() {
		return ingest.bodies(Payloads.LOGS)
			.stream()
			.filter((body) -> "Sign-in failed".equals(text(body, "message")))
			.toList();
	}

}
