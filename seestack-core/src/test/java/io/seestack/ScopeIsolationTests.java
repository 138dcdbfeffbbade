package io.seestack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads, many users, pooled threads reused by unrelated work: every event carries exactly the user of the
 * task that captured it, and work outside any scope is anonymous, however the tasks interleave.
 */
class ScopeIsolationTests {

	private static final int USERS = 100;

	private static final int TASKS = 6_000;

	@Test
	void everyEventCarriesTheUserOfItsOwnScopeAndNothingLeaksToUnscopedWork() throws Exception {
		RecordingTransport transport = new RecordingTransport();
		SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey("k").transport(transport)
			.projectId("a1b2c3d4-e5f6-7890-abcd-ef1234567890").bufferSize(100_000).memoryLimit(1L << 30)
			// Every error must arrive to check its user, so no rate limit.
			.identicalErrorsPerSecond(0).build());
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> tasks = new ArrayList<>();
			for (int i = 0; i < TASKS; i++) {
				int task = i;
				tasks.add(pool.submit(() -> runTask(client, task)));
			}
			for (Future<?> task : tasks) {
				task.get();
			}
			assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
		}
		finally {
			pool.shutdownNow();
			client.close();
		}

		List<JsonNode> errors = transport.bodies(Feature.ERRORS);
		List<JsonNode> logs = transport.bodies(Feature.LOGS);
		List<JsonNode> items = transport.httpItems();
		assertThat(errors).hasSize(TASKS);
		assertThat(logs).hasSize(TASKS);
		assertThat(items).hasSize(TASKS);
		for (JsonNode error : errors) {
			String expected = expectedUser(error.get("message").asString());
			JsonNode user = error.get("user");
			assertThat((user != null) ? user.get("id").asString() : null).as(error.get("message").asString())
				.isEqualTo(expected);
		}
		for (JsonNode log : logs) {
			String expected = expectedUser(log.get("message").asString());
			JsonNode userId = log.get("metadata").get("userId");
			assertThat((userId != null) ? userId.asString() : null).as(log.get("message").asString())
				.isEqualTo(expected);
		}
		for (JsonNode item : items) {
			String expected = expectedUser(item.get("path").asString().substring(1));
			JsonNode userId = item.get("userId");
			assertThat((userId != null) ? userId.asString() : null).isEqualTo(expected);
		}
	}

	/** Task n runs scoped as user n % USERS, except every fifth task, which runs with no scope at all. */
	private static void runTask(SeeStackClient client, int task) {
		String marker = "task-" + task;
		if (task % 5 == 0) {
			capture(client, marker);
			return;
		}
		try (Scope scope = client.openScope()) {
			client.setUser(User.builder().id("user-" + (task % USERS)).build());
			if (ThreadLocalRandom.current().nextBoolean()) {
				Thread.yield();
			}
			capture(client, marker);
		}
	}

	private static void capture(SeeStackClient client, String marker) {
		client.captureError(new IllegalStateException(marker));
		client.captureLog(Level.INFO, marker, Map.of());
		client.captureHttpRequest(HttpRequestEvent.builder().path("/" + marker).statusCode(200).build());
	}

	private static String expectedUser(String marker) {
		int task = Integer.parseInt(marker.substring("task-".length()));
		return (task % 5 == 0) ? null : "user-" + (task % USERS);
	}

}
