package io.seestack.spring.autoconfigure.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.seestack.HttpRequestEvent;
import io.seestack.Scope;
import io.seestack.SeeStackClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * What the RestClient, RestTemplate and WebClient instrumentations share: which calls get an item, what their
 * host, path and trace header are, and the item itself; each client kind only reads its own request and response.
 *
 * <p>The item's user and trace id are the calling scope's: the core resolves them when the event has none, on the
 * thread that captures it. The synchronous clients capture on the calling thread; the WebClient filter restores a
 * snapshot of the caller's context around its capture.
 */
final class OutboundCalls {

	/** The W3C trace context header. */
	static final String TRACEPARENT = "traceparent";

	private static final Log logger = LogFactory.getLog(OutboundCalls.class);

	private static final HexFormat HEX = HexFormat.of();

	/** A W3C trace id: 32 lowercase hex digits, not all zero. */
	private static final Pattern TRACE_ID = Pattern.compile("(?!0{32})[0-9a-f]{32}");

	/** A {@code ;} path parameter, such as {@code ;jsessionid=...}, up to the end of its segment. */
	private static final Pattern PATH_PARAMETER = Pattern.compile(";[^/]*");

	private final SeeStackClient client;

	private final @Nullable String ingestHost;

	private final int ingestPort;

	private final boolean propagateTrace;

	/**
	 * Creates the shared part of the instrumentations.
	 * @param client the client that captures the items
	 * @param ingestUrl the SeeStack ingest URL ({@code seestack.host}), whose calls never get an item, or
	 * {@code null}
	 * @param propagateTrace whether calls get a {@code traceparent} header
	 */
	OutboundCalls(SeeStackClient client, @Nullable String ingestUrl, boolean propagateTrace) {
		this.client = client;
		URI ingest = parse(ingestUrl);
		this.ingestHost = (ingest != null) ? ingest.getHost() : null;
		this.ingestPort = (ingest != null) ? effectivePort(ingest) : -1;
		this.propagateTrace = propagateTrace;
	}

	SeeStackClient client() {
		return this.client;
	}

	/**
	 * Whether a call to the URI gets an item: the client is capturing, and the call is not to SeeStack's own ingest
	 * host. The SDK sends through the JDK's HTTP client, never through these builders, so the second is only a
	 * guard, against an application that calls the ingest API itself; it compares host and port, nothing more.
	 */
	boolean isMonitored(URI uri) {
		return this.client.isEnabled() && !isIngest(uri);
	}

	private boolean isIngest(URI uri) {
		return this.ingestHost != null && this.ingestHost.equalsIgnoreCase(uri.getHost())
				&& this.ingestPort == effectivePort(uri);
	}

	/**
	 * The {@code traceparent} header to add to a call that starts now, on the caller's thread: with
	 * {@code propagate-trace}, the trace id of the caller's scope with a new span id. {@code null} when not
	 * propagating, outside every scope (no trace to carry on), when the scope's trace id is not a W3C one (the
	 * application set its own), or when the call already has a {@code traceparent} (Micrometer Tracing's, or the
	 * application's own).
	 */
	@Nullable String traceparent(HttpHeaders headers) {
		if (!this.propagateTrace || headers.getFirst(TRACEPARENT) != null) {
			return null;
		}
		Scope scope = this.client.currentScope().orElse(null);
		String traceId = (scope != null) ? scope.traceId() : null;
		return (traceId != null && TRACE_ID.matcher(traceId).matches()) ? traceparentOf(traceId) : null;
	}

	/**
	 * Captures the item of a finished call, in the current context. Never throws: a call is never failed by its
	 * item.
	 * @param method the HTTP method
	 * @param uri the URI the request was sent to
	 * @param uriTemplate the URI template the application gave, if the client exposes it
	 * @param status the response status, or 0 when no response came (connection refused, timeout, cancelled)
	 * @param startNanos {@link System#nanoTime()} when the call started
	 * @param start when the call started
	 * @param requestSize the request body's size in bytes, 0 when unknown
	 * @param responseSize the response body's size in bytes, from its {@code Content-Length}, 0 when unknown
	 */
	void record(String method, URI uri, @Nullable Object uriTemplate, int status, long startNanos, Instant start,
			long requestSize, long responseSize) {
		try {
			this.client.captureHttpRequest(HttpRequestEvent.builder()
				.direction(HttpRequestEvent.Direction.OUTBOUND)
				.method(method)
				.host(host(uri))
				.path(path(uri, (uriTemplate instanceof String template) ? template : null))
				.statusCode(status)
				.duration(Duration.ofNanos(System.nanoTime() - startNanos))
				.requestSize(Math.max(0, requestSize))
				.responseSize(Math.max(0, responseSize))
				.timestamp(start)
				.build());
		}
		catch (RuntimeException ex) {
			logger.debug("SeeStack could not record the outbound call " + method + " " + host(uri), ex);
		}
	}

	/**
	 * The host the call went to, without the user information (credentials) or the port, as the ingest API
	 * expects; {@code unknown} when the URI has none.
	 */
	static String host(URI uri) {
		String host = uri.getHost();
		if (host == null) {
			// java.net.URI leaves the host null for names it does not accept (an underscore, say): take the
			// authority's, after any user information and without the port.
			String authority = uri.getRawAuthority();
			if (authority == null) {
				return "unknown";
			}
			host = authority.substring(authority.lastIndexOf('@') + 1);
			int end = host.startsWith("[") ? host.indexOf(']') + 1 : host.lastIndexOf(':');
			if (end > 0) {
				host = host.substring(0, end);
			}
		}
		return host.isEmpty() ? "unknown" : host;
	}

	/**
	 * The path of the item: the URI template's path when the application used one and it agrees with the path the
	 * request went to (prefixed with what a base URL added), else the request's path; in both without the query,
	 * the fragment, {@code ;} path parameters, or anything of the template before its path (a scheme, credentials,
	 * a host).
	 */
	static String path(URI uri, @Nullable String uriTemplate) {
		String rawPath = uri.getRawPath();
		String path = (rawPath == null || rawPath.isEmpty()) ? "/" : withoutPathParameters(rawPath);
		if (uriTemplate != null) {
			String templated = templatePath(uriTemplate, path);
			if (templated != null) {
				return templated;
			}
		}
		return path;
	}

	/**
	 * The path of the template aligned on the request's path, segment by segment from the end: a literal segment
	 * must be the request's, a segment with a variable stands for the request's; the request's segments before
	 * the template's are the base URL's, and are kept. {@code null} when they disagree, or the template's path
	 * cannot be told (it starts with a variable, as in {@code {base}/users}).
	 */
	static @Nullable String templatePath(String uriTemplate, String path) {
		String templatePath = pathOfTemplate(uriTemplate);
		if (templatePath == null) {
			return null;
		}
		String relative = templatePath.startsWith("/") ? templatePath.substring(1) : templatePath;
		if (relative.isEmpty()) {
			return null;
		}
		int templateEnd = relative.length();
		int pathEnd = path.length();
		while (templateEnd >= 0) {
			if (pathEnd <= 0) {
				return null;
			}
			int templateStart = relative.lastIndexOf('/', templateEnd - 1) + 1;
			int pathStart = path.lastIndexOf('/', pathEnd - 1) + 1;
			int length = templateEnd - templateStart;
			int brace = relative.indexOf('{', templateStart);
			boolean variable = brace >= 0 && brace < templateEnd;
			if (!variable && (length != pathEnd - pathStart
					|| !relative.regionMatches(templateStart, path, pathStart, length))) {
				return null;
			}
			templateEnd = templateStart - 1;
			pathEnd = pathStart - 1;
		}
		return (pathEnd >= 0) ? path.substring(0, pathEnd) + "/" + relative : null;
	}

	/**
	 * The path part of a URI template: without a query or fragment (outside variables), without the scheme and
	 * authority of an absolute template, without {@code ;} path parameters; {@code null} when it starts with a
	 * variable or an absolute template has no path.
	 */
	static @Nullable String pathOfTemplate(String uriTemplate) {
		int end = uriTemplate.length();
		int depth = 0;
		for (int i = 0; i < end; i++) {
			char c = uriTemplate.charAt(i);
			if (c == '{') {
				depth++;
			}
			else if (c == '}') {
				depth = Math.max(0, depth - 1);
			}
			else if (depth == 0 && (c == '?' || c == '#')) {
				end = i;
			}
		}
		int start = 0;
		int authority = schemeLength(uriTemplate, end);
		if (authority > 0) {
			start = uriTemplate.indexOf('/', authority);
			if (start < 0 || start >= end) {
				return null;
			}
		}
		else if (uriTemplate.startsWith("//")) {
			return null;
		}
		if (start < end && uriTemplate.charAt(start) == '{') {
			return null;
		}
		return withoutPathParameters(uriTemplate.substring(start, end));
	}

	/** The index just after {@code scheme://} when the template starts with one, else 0. */
	private static int schemeLength(String uriTemplate, int end) {
		int separator = uriTemplate.indexOf("://");
		if (separator <= 0 || separator >= end) {
			return 0;
		}
		for (int i = 0; i < separator; i++) {
			char c = uriTemplate.charAt(i);
			boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			if (!(letter || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
				return 0;
			}
		}
		return separator + 3;
	}

	/** The path without {@code ;} path parameters such as {@code ;jsessionid=...}, which may carry secrets. */
	static String withoutPathParameters(String path) {
		return (path.indexOf(';') < 0) ? path : PATH_PARAMETER.matcher(path).replaceAll("");
	}

	/** A {@code version-traceid-parentid-flags} header for the trace id, with a new span id, sampled. */
	static String traceparentOf(String traceId) {
		long spanId = ThreadLocalRandom.current().nextLong();
		return "00-" + traceId + "-" + HEX.toHexDigits((spanId != 0) ? spanId : 1) + "-01";
	}

	private static @Nullable URI parse(@Nullable String url) {
		if (url == null || url.isBlank()) {
			return null;
		}
		try {
			URI uri = URI.create(url.strip());
			return (uri.getHost() != null) ? uri : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static int effectivePort(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		return switch (scheme) {
			case "https", "wss" -> 443;
			case "http", "ws" -> 80;
			default -> -1;
		};
	}

}
