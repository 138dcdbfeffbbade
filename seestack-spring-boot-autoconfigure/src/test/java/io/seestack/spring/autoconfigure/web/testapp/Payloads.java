package io.seestack.spring.autoconfigure.web.testapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.seestack.SeeStackClient;
import io.seestack.testsupport.IngestServer;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the test applications sent to the {@link IngestServer}, every body checked against its schema.
 */
public final class Payloads {

	public static final String ERRORS = "/ingest/v1/errors";

	public static final String HTTP_REQUESTS = "/ingest/v1/http-requests";

	public static final String LOGS = "/ingest/v1/logs";

	private Payloads() {
	}

	/** Sends everything the client holds, failing the test if it cannot. */
	public static void flush(SeeStackClient client) {
		assertThat(client.flush(Duration.ofSeconds(10))).as("everything captured was delivered").isTrue();
	}

	/**
	 * Waits until {@code count} HTTP request items have been received, then flushes once more: the response reaches
	 * the client before the request completes on the server, and a request's error is captured before its item, so
	 * afterwards everything the requests captured has been received.
	 */
	public static List<JsonNode> awaitHttpItems(SeeStackClient client, IngestServer ingest, int count) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
			client.flush(Duration.ofSeconds(5));
			return httpItems(ingest).size() >= count;
		});
		flush(client);
		List<JsonNode> items = httpItems(ingest);
		assertThat(items).as("HTTP request items").hasSize(count);
		return items;
	}

	/** Every HTTP request item received, oldest first. */
	public static List<JsonNode> httpItems(IngestServer ingest) {
		List<JsonNode> items = new ArrayList<>();
		for (JsonNode body : ingest.bodies(HTTP_REQUESTS)) {
			body.get("requests").forEach(items::add);
		}
		return items;
	}

	/** The HTTP request items of the path. */
	public static List<JsonNode> httpItems(IngestServer ingest, String path) {
		return httpItems(ingest).stream().filter((item) -> path.equals(text(item, "path"))).toList();
	}

	/** The one HTTP request item of the path. */
	public static JsonNode httpItem(IngestServer ingest, String path) {
		List<JsonNode> items = httpItems(ingest, path);
		assertThat(items).as("HTTP request items of %s", path).hasSize(1);
		return items.get(0);
	}

	/** Every error received, oldest first. */
	public static List<JsonNode> errors(IngestServer ingest) {
		return ingest.bodies(ERRORS);
	}

	/** The errors captured for requests to the path. */
	public static List<JsonNode> errors(IngestServer ingest, String path) {
		return errors(ingest).stream().filter((error) -> path.equals(text(error, "metadata", "http.path"))).toList();
	}

	/** The text at the path of field names, or {@code null} when absent. */
	public static String text(JsonNode node, String... fields) {
		JsonNode current = node;
		for (String field : fields) {
			if (current == null || !current.has(field)) {
				return null;
			}
			current = current.get(field);
		}
		return (current == null || current.isNull()) ? null : current.asString();
	}

}
