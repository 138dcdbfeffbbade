package io.seestack.benchmarks.storm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.seestack.SeeStackClient;
import io.seestack.benchmarks.starter.BenchApplication;
import io.sentry.IScopes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What load/storm.sh compares is what it says: the Sentry variant of the benchmark application delivers its errors
 * to the {@link CountingSink}, which tells them apart by endpoint, and so does the SeeStack variant; without a DSN
 * Sentry is inert ("none" is the SeeStack variant with the starter off). Not a timing test.
 */
class StormSmokeTests {

	private static final int CALLS = 3;

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static CountingSink sink;

	@BeforeAll
	static void startSink() throws Exception {
		sink = CountingSink.start(0, 2);
	}

	@AfterAll
	static void stopSink() {
		sink.close();
	}

	@Test
	void sentryVariantDeliversEveryUnhandledErrorAndNoneThatTheAdviceHandles() throws Exception {
		Map<String, Long> before = sink.counts();
		try (ConfigurableApplicationContext app = BenchApplication.start("--server.port=0", "--seestack.enabled=false",
				"--sentry.dsn=http://public@127.0.0.1:" + sink.port() + "/1", "--sentry.send-default-pii=true")) {
			assertThat(app.getBeansOfType(SeeStackClient.class).values()).containsExactly(SeeStackClient.noop());
			call(app, "boom", 500);
			call(app, "unavailable", 503);
			assertThat(app.getBean(IScopes.class).isEnabled()).isTrue();
			app.getBean(IScopes.class).flush(10_000);
			Map<String, Long> sent = since(before);
			assertThat(sent).containsEntry("sentry.events.boom", (long) CALLS)
				.containsEntry("errors.boom", (long) CALLS)
				.containsEntry("sentry.items.event", (long) CALLS)
				.containsEntry("sentry.envelopes", (long) CALLS);
			// Sentry's exception resolver runs after the one of @ExceptionHandler methods by default
			// (sentry.exception-resolver-order=1): what an advice handles is not reported.
			assertThat(sent).doesNotContainKeys("sentry.events.unavailable", "sentry.events.other", "errors.other");
			assertThat(sent.keySet()).noneMatch((key) -> key.startsWith("seestack."));
			// Sentry keeps at most 100 frames of an exception (SentryStackTraceFactory); /boom has about 130.
			JsonNode exception = JSON.readTree(sink.last("boom")).get("exception").get("values").get(0);
			assertThat(exception.get("type").asString()).isEqualTo("BenchApplication$BoomException");
			assertThat(exception.get("stacktrace").get("frames").size()).isEqualTo(100);
		}
	}

	@Test
	void seeStackVariantDeliversBothErrorsAndSentryWithoutADsnIsInert() throws Exception {
		Map<String, Long> before = sink.counts();
		try (ConfigurableApplicationContext app = BenchApplication.start("--server.port=0",
				"--seestack.host=" + sink.url())) {
			// The Sentry starter's whole auto-configuration is conditional on sentry.dsn.
			assertThat(app.getBeanNamesForType(IScopes.class)).isEmpty();
			call(app, "boom", 500);
			call(app, "unavailable", 503);
			// A request's HTTP item is captured just after its response went out: wait for the last one.
			SeeStackClient client = app.getBean(SeeStackClient.class);
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				client.flush(Duration.ofSeconds(10));
				assertThat(since(before)).containsEntry("seestack.http-requests.items", 2L * CALLS);
			});
			assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
			Map<String, Long> sent = since(before);
			assertThat(sent).containsEntry("seestack.errors.boom", (long) CALLS)
				.containsEntry("seestack.errors.unavailable", (long) CALLS)
				.containsEntry("errors.boom", (long) CALLS)
				.containsEntry("errors.unavailable", (long) CALLS)
				.containsEntry("seestack.http-requests.items", 2L * CALLS)
				.doesNotContainKeys("errors.other", "sink.unknown");
			assertThat(sent.keySet()).noneMatch((key) -> key.startsWith("sentry."));
			JsonNode error = JSON.readTree(sink.last("boom"));
			assertThat(error.get("exceptionClass").asString()).endsWith("BenchApplication$BoomException");
			assertThat(error.get("stackTrace").size()).as("frames of /boom").isBetween(120, 150);
		}
	}

	/** The counts that grew since the given ones, by how much. */
	private static Map<String, Long> since(Map<String, Long> before) {
		Map<String, Long> grown = new HashMap<>();
		sink.counts().forEach((key, count) -> {
			long delta = count - before.getOrDefault(key, 0L);
			if (delta != 0) {
				grown.put(key, delta);
			}
		});
		return grown;
	}

	private static void call(ConfigurableApplicationContext app, String endpoint, int expected) throws Exception {
		String port = app.getEnvironment().getProperty("local.server.port");
		String user = BenchApplication.USERS.get(0);
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + BenchApplication.password(user)).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + endpoint))
			.header("Authorization", "Basic " + credentials)
			.build();
		for (int i = 0; i < CALLS; i++) {
			assertThat(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(expected);
		}
	}

}
