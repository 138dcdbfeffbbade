package io.seestack.benchmarks.storm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.seestack.benchmarks.starter.BenchApplication;
import org.jspecify.annotations.Nullable;

/**
 * The ingest sink of {@code load/storm.sh}: answers SeeStack and Sentry at once, on loopback, and counts what each
 * sends, by a key that does not depend on the SDK: which endpoint of the benchmark application an error came from.
 * <ul>
 * <li>SeeStack, {@code POST /ingest/v1/<feature>}: {@code 202 {}}. An error (one per request) counts under
 * {@code seestack.errors.<endpoint>} and {@code errors.<endpoint>}; an HTTP item batch under
 * {@code seestack.http-requests.batches}, its items under {@code seestack.http-requests.items}; any other feature
 * under {@code seestack.<feature>.requests}.</li>
 * <li>Sentry, {@code POST /api/<project>/envelope/}: {@code 200 {}}. Each envelope counts under
 * {@code sentry.envelopes}, each of its items under {@code sentry.items.<type>} (event, client_report, transaction,
 * session, ...), and an event item also under {@code sentry.events.<endpoint>} and {@code errors.<endpoint>}. A
 * {@code POST /api/<project>/store/} (the old single-event API) counts as one event item. Gzip-compressed bodies
 * ({@code Content-Encoding: gzip}, as Sentry's Java SDK sends them) are decompressed first.</li>
 * </ul>
 * The endpoint of an error is found by a substring of its body: the simple name of the exception class that the
 * endpoint throws ({@link BenchApplication.BoomException} for {@code boom}, {@link BenchApplication.UnavailableException}
 * for {@code unavailable}), or {@code other} when none is in it. Every request also counts under
 * {@code sink.requests} and {@code sink.bytes} (as received, before decompression; POSTs only, so reading the counts
 * does not change them) and, when the path is none of the above, {@code sink.unknown}.
 * <p>
 * {@code GET /counts} returns every count so far as {@code key<TAB>count} lines, sorted by key; {@code GET /last?key=<endpoint>}
 * the last error body (decompressed; of an envelope, the event item only) counted for the endpoint, to look at what
 * was sent.
 * <p>
 * As a process: {@code java -cp benchmarks.jar io.seestack.benchmarks.storm.CountingSink [--port=18090]
 * [--threads=4]}; it prints {@code listening on http://127.0.0.1:<port>} once it accepts requests and runs until
 * killed. Port 0 picks a free one.
 */
public final class CountingSink implements AutoCloseable {

	/** The endpoints of the benchmark application and the substring that tells each one's errors. */
	public static final Map<String, String> ENDPOINT_MARKERS = endpointMarkers();

	private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

	private static final String ERRORS_PATH = "/ingest/v1/errors";

	private static final String HTTP_REQUESTS_PATH = "/ingest/v1/http-requests";

	private static final String INGEST_PREFIX = "/ingest/v1/";

	/** What each HTTP item of a batch has once ({@code HttpRequestBatchWriter}). */
	private static final String HTTP_ITEM_MARKER = "\"direction\":";

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	private final Map<String, String> lastBodies = new ConcurrentHashMap<>();

	private CountingSink(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/** Starts a sink on a loopback port (0: any free one) with the given number of handler threads. */
	public static CountingSink start(int port, int threads) throws IOException {
		// Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
		ExecutorService executor = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "counting-sink");
			thread.setDaemon(true);
			return thread;
		});
		CountingSink sink = new CountingSink(server, executor);
		server.createContext("/", sink::handle);
		server.setExecutor(executor);
		server.start();
		return sink;
	}

	public static void main(String[] args) throws Exception {
		int port = 18090;
		int threads = 4;
		for (String arg : args) {
			if (arg.startsWith("--port=")) {
				port = Integer.parseInt(arg.substring("--port=".length()));
			}
			else if (arg.startsWith("--threads=")) {
				threads = Integer.parseInt(arg.substring("--threads=".length()));
			}
			else {
				System.err.println("usage: CountingSink [--port=18090] [--threads=4]");
				System.exit(2);
			}
		}
		CountingSink sink = start(port, threads);
		PrintStream out = System.out;
		out.println("listening on " + sink.url());
		out.flush();
		new CountDownLatch(1).await();
	}

	/** The base URL, for {@code seestack.host}; Sentry's DSN is {@code http://public@127.0.0.1:<port>/1}. */
	public String url() {
		return "http://127.0.0.1:" + port();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The count under the key, such as {@code errors.boom} or {@code sentry.items.client_report}; 0 if none. */
	public long count(String key) {
		LongAdder count = this.counts.get(key);
		return (count != null) ? count.sum() : 0;
	}

	/** Every count so far, sorted by key. */
	public Map<String, Long> counts() {
		Map<String, Long> sorted = new TreeMap<>();
		this.counts.forEach((key, count) -> sorted.put(key, count.sum()));
		return sorted;
	}

	/** The last body counted under {@code errors.<endpoint>} (decompressed; an envelope's event item only). */
	public @Nullable String last(String endpoint) {
		return this.lastBodies.get(endpoint);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			if (method.equals("POST")) {
				increment("sink.requests");
				add("sink.bytes", body.length);
			}
			if (method.equals("GET") && path.equals("/counts")) {
				respond(exchange, 200, "text/tab-separated-values", countsText());
			}
			else if (method.equals("GET") && path.equals("/last")) {
				String query = exchange.getRequestURI().getQuery();
				String key = (query != null && query.startsWith("key=")) ? query.substring(4) : "";
				String last = this.lastBodies.get(key);
				respond(exchange, (last != null) ? 200 : 404, "application/json",
						(last != null) ? last.getBytes(StandardCharsets.ISO_8859_1) : EMPTY_JSON);
			}
			else if (method.equals("POST") && path.startsWith(INGEST_PREFIX)) {
				seeStack(path, text(exchange, body));
				respond(exchange, 202, "application/json", EMPTY_JSON);
			}
			else if (method.equals("POST") && path.startsWith("/api/") && path.endsWith("/envelope/")) {
				envelope(text(exchange, body));
				respond(exchange, 200, "application/json", EMPTY_JSON);
			}
			else if (method.equals("POST") && path.startsWith("/api/") && path.endsWith("/store/")) {
				increment("sentry.items.event");
				sentryEvent(text(exchange, body));
				respond(exchange, 200, "application/json", EMPTY_JSON);
			}
			else {
				increment("sink.unknown");
				respond(exchange, 404, "application/json", EMPTY_JSON);
			}
		}
	}

	private void seeStack(String path, String body) {
		if (path.equals(ERRORS_PATH)) {
			error("seestack.errors.", body);
		}
		else if (path.equals(HTTP_REQUESTS_PATH)) {
			increment("seestack.http-requests.batches");
			add("seestack.http-requests.items", occurrences(body, HTTP_ITEM_MARKER));
		}
		else {
			increment("seestack." + path.substring(INGEST_PREFIX.length()) + ".requests");
		}
	}

	/**
	 * A Sentry envelope: a header line, then items, each a header line (JSON with its {@code type} and, usually, the
	 * {@code length} of its payload in bytes) and its payload (that many bytes, or up to the next newline).
	 */
	private void envelope(String envelope) {
		increment("sentry.envelopes");
		int position = lineEnd(envelope, 0) + 1;
		while (position < envelope.length()) {
			int headerEnd = lineEnd(envelope, position);
			String header = envelope.substring(position, headerEnd);
			if (header.isBlank()) {
				position = headerEnd + 1;
				continue;
			}
			String type = jsonString(header, "type");
			long length = jsonNumber(header, "length");
			int payloadStart = Math.min(headerEnd + 1, envelope.length());
			int payloadEnd = (length >= 0) ? (int) Math.min(envelope.length(), payloadStart + length)
					: lineEnd(envelope, payloadStart);
			increment("sentry.items." + ((type != null) ? type : "unknown"));
			if ("event".equals(type)) {
				sentryEvent(envelope.substring(payloadStart, payloadEnd));
			}
			position = payloadEnd + 1;
		}
	}

	private void sentryEvent(String event) {
		error("sentry.events.", event);
	}

	private void error(String prefix, String body) {
		String endpoint = "other";
		for (Map.Entry<String, String> marker : ENDPOINT_MARKERS.entrySet()) {
			if (body.contains(marker.getValue())) {
				endpoint = marker.getKey();
				break;
			}
		}
		increment(prefix + endpoint);
		increment("errors." + endpoint);
		this.lastBodies.put(endpoint, body);
	}

	private void increment(String key) {
		add(key, 1);
	}

	private void add(String key, long amount) {
		this.counts.computeIfAbsent(key, (k) -> new LongAdder()).add(amount);
	}

	private byte[] countsText() {
		StringBuilder text = new StringBuilder();
		counts().forEach((key, count) -> text.append(key).append('\t').append(count).append('\n'));
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** The body as text, one char per byte (the markers are ASCII, and this is the cheapest search). */
	private static String text(HttpExchange exchange, byte[] body) throws IOException {
		byte[] bytes = body;
		if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
			try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
				bytes = in.readAllBytes();
			}
		}
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
			throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static int lineEnd(String text, int from) {
		int end = text.indexOf('\n', from);
		return (end >= 0) ? end : text.length();
	}

	private static long occurrences(String text, String marker) {
		long count = 0;
		for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length())) {
			count++;
		}
		return count;
	}

	/** The value of a string field of a small flat JSON object, such as an envelope item's header. */
	private static @Nullable String jsonString(String json, String field) {
		int at = json.indexOf("\"" + field + "\"");
		if (at < 0) {
			return null;
		}
		int start = json.indexOf('"', json.indexOf(':', at) + 1);
		int end = (start >= 0) ? json.indexOf('"', start + 1) : -1;
		return (end > start) ? json.substring(start + 1, end) : null;
	}

	/** The value of a whole-number field of a small flat JSON object; -1 if absent. */
	private static long jsonNumber(String json, String field) {
		int at = json.indexOf("\"" + field + "\"");
		if (at < 0) {
			return -1;
		}
		int i = json.indexOf(':', at) + 1;
		while (i < json.length() && json.charAt(i) == ' ') {
			i++;
		}
		int start = i;
		while (i < json.length() && Character.isDigit(json.charAt(i))) {
			i++;
		}
		return (i > start) ? Long.parseLong(json.substring(start, i)) : -1;
	}

	private static Map<String, String> endpointMarkers() {
		Map<String, String> markers = new LinkedHashMap<>();
		markers.put("boom", BenchApplication.BoomException.class.getSimpleName());
		markers.put("unavailable", BenchApplication.UnavailableException.class.getSimpleName());
		return Collections.unmodifiableMap(markers);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
