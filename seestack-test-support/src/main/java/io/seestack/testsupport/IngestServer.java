package io.seestack.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on loopback that stands in for the SeeStack ingest API. It answers {@code 202} on every ingest
 * endpoint unless told otherwise, records every request, and {@linkplain #received(String) hands them out} only
 * after checking each body against {@link IngestSchemas} and the {@code X-SeeStack-Key} header: a test that reads
 * what was sent cannot miss an invalid payload.
 */
public final class IngestServer implements AutoCloseable {

	/** The API key tests configure; any other key is answered with 401. */
	public static final String API_KEY = "seestack_test_key_4f1d9c";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WireMockServer server;

	private IngestServer() {
		this.server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
			.containerThreads(16).jettyAcceptors(1));
		this.server.start();
		reset();
	}

	/** Starts a server on a free loopback port. */
	public static IngestServer start() {
		return new IngestServer();
	}

	/** The base URL, for example {@code http://127.0.0.1:43125}. */
	public String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/** Forgets what was received and answers 202 again everywhere. */
	public void reset() {
		this.server.resetAll();
		this.server.stubFor(WireMock.post(WireMock.urlPathMatching("/ingest/v1/.*"))
			.atPriority(10)
			.willReturn(accepted()));
		this.server.stubFor(WireMock.post(WireMock.urlPathMatching("/ingest/v1/.*"))
			.atPriority(1)
			.withHeader("X-SeeStack-Key", WireMock.notMatching(API_KEY))
			.willReturn(WireMock.aResponse().withStatus(401).withHeader("Content-Type", "application/json")
				.withBody("{\"success\":false,\"error\":{\"code\":\"INVALID_API_KEY\",\"message\":\"Invalid or missing API key\"}}")));
	}

	/** Answers every request to {@code path} with {@code status} and the given header pairs from now on. */
	public void respond(String path, int status, String... headerPairs) {
		this.server.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(5)
			.willReturn(response(status, headerPairs)));
	}

	/** Answers requests to {@code path} with these statuses in turn, then keeps answering the last one. */
	public void respondInSequence(String path, int... statuses) {
		String scenario = "sequence " + path;
		for (int i = 0; i < statuses.length; i++) {
			String state = (i == 0) ? Scenario.STARTED : "step" + i;
			var stub = WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(5).inScenario(scenario)
				.whenScenarioStateIs(state).willReturn(response(statuses[i]));
			if (i + 1 < statuses.length) {
				stub = stub.willSetStateTo("step" + (i + 1));
			}
			this.server.stubFor(stub);
		}
	}

	/** Answers the next request to {@code path} with {@code status} and the header pairs, then 202 again. */
	public void respondOnce(String path, int status, String... headerPairs) {
		String scenario = "once " + path;
		this.server.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(5).inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED).willReturn(response(status, headerPairs)).willSetStateTo("done"));
		this.server.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(5).inScenario(scenario)
			.whenScenarioStateIs("done").willReturn(accepted()));
	}

	/** Delays every answer on {@code path} by {@code delay}. */
	public void delay(String path, Duration delay) {
		this.server.stubFor(WireMock.post(WireMock.urlPathEqualTo(path)).atPriority(5)
			.willReturn(accepted().withFixedDelay((int) delay.toMillis())));
	}

	/** Every request received so far, oldest first, each checked against the schema of its endpoint. */
	public List<ReceivedRequest> received() {
		List<ServeEvent> events = new ArrayList<>(this.server.getAllServeEvents());
		Collections.reverse(events);
		List<ReceivedRequest> received = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (ServeEvent event : events) {
			ReceivedRequest request = toReceived(event);
			received.add(request);
			problems.addAll(check(request));
		}
		if (!problems.isEmpty()) {
			throw new AssertionError("The SDK sent invalid requests:\n" + String.join("\n", problems));
		}
		return received;
	}

	/** The requests received on {@code path}, oldest first, checked. */
	public List<ReceivedRequest> received(String path) {
		return received().stream().filter((request) -> request.path().equals(path)).toList();
	}

	/** The JSON bodies received on {@code path}, oldest first, checked. */
	public List<JsonNode> bodies(String path) {
		return received(path).stream().map(ReceivedRequest::json).toList();
	}

	/** The JSON bodies that {@code path} accepted (answered 2xx), oldest first, checked: what was delivered. */
	public List<JsonNode> acceptedBodies(String path) {
		List<ServeEvent> events = new ArrayList<>(this.server.getAllServeEvents());
		Collections.reverse(events);
		List<JsonNode> accepted = new ArrayList<>();
		for (ServeEvent event : events) {
			ReceivedRequest request = toReceived(event);
			int status = event.getResponse().getStatus();
			if (request.path().equals(path) && status >= 200 && status < 300) {
				List<String> problems = check(request);
				if (!problems.isEmpty()) {
					throw new AssertionError("The SDK sent invalid requests:\n" + String.join("\n", problems));
				}
				accepted.add(request.json());
			}
		}
		return accepted;
	}

	/** How many requests have reached {@code path}, without checking them (for waiting in tests). */
	public int count(String path) {
		return (int) this.server.getAllServeEvents().stream()
			.filter((event) -> event.getRequest().getUrl().startsWith(path)).count();
	}

	@Override
	public void close() {
		this.server.stop();
	}

	private static List<String> check(ReceivedRequest request) {
		List<String> problems = new ArrayList<>();
		if (request.header("X-SeeStack-Key") == null) {
			problems.add(request.path() + ": no X-SeeStack-Key header");
		}
		String contentType = request.header("Content-Type");
		if (contentType == null || !contentType.startsWith("application/json")) {
			problems.add(request.path() + ": Content-Type is " + contentType + ", not application/json");
		}
		for (String violation : IngestSchemas.violations(request.path(), request.json())) {
			problems.add(request.path() + ": " + violation + "\n    body: " + request.body());
		}
		return problems;
	}

	private static ReceivedRequest toReceived(ServeEvent event) {
		var request = event.getRequest();
		String url = request.getUrl();
		int query = url.indexOf('?');
		String path = (query >= 0) ? url.substring(0, query) : url;
		Map<String, String> headers = new LinkedHashMap<>();
		for (HttpHeader header : request.getHeaders().all()) {
			headers.put(header.key().toLowerCase(Locale.ROOT), header.firstValue());
		}
		String body = request.getBodyAsString();
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			throw new AssertionError(path + ": body is not JSON: " + body, ex);
		}
		return new ReceivedRequest(path, headers, body, json);
	}

	private static ResponseDefinitionBuilder accepted() {
		return WireMock.aResponse().withStatus(202).withHeader("Content-Type", "application/json")
			.withBody("{\"success\":true}");
	}

	private static ResponseDefinitionBuilder response(int status, String... headerPairs) {
		ResponseDefinitionBuilder response = WireMock.aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json").withBody("{}");
		for (int i = 0; i + 1 < headerPairs.length; i += 2) {
			response = response.withHeader(headerPairs[i], headerPairs[i + 1]);
		}
		return response;
	}

}
