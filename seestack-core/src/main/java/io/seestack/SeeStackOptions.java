package io.seestack;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import io.seestack.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link SeeStackClient} connects and what it stamps on every event. Immutable; build it with
 * {@link #builder()}. {@link Builder#build()} validates and fails fast with a
 * {@link SeeStackConfigurationException} that names the option and says what to fix.
 */
public final class SeeStackOptions {

	/** The SeeStack cloud ingest host, used when no host is set. */
	public static final String DEFAULT_HOST = "https://api.seestack.io";

	/** How often buffered logs and HTTP request items are sent. */
	public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(5);

	/** The longest one attempt to send may take, whatever the transport; then it counts as a timeout. */
	public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(10);

	/** The most the spool keeps on disk. */
	public static final long DEFAULT_SPOOL_MAX_BYTES = 64L * 1024 * 1024;

	/** How long the spool keeps a body that could not be delivered. */
	public static final Duration DEFAULT_SPOOL_MAX_AGE = Duration.ofHours(24);

	/** The most heap the events waiting to be sent may hold, all features together. */
	public static final long DEFAULT_MEMORY_LIMIT = 8L * 1024 * 1024;

	/** Events kept per feature while waiting to be sent; the oldest is dropped beyond it. */
	public static final int DEFAULT_BUFFER_SIZE = 500;

	/** Repeated errors of one kind sent per second at most, beyond each user's first; the rest are counted. */
	public static final int DEFAULT_IDENTICAL_ERRORS_PER_SECOND = 10;

	private final String apiKey;

	private final URI host;

	private final @Nullable String environment;

	private final @Nullable String release;

	private final @Nullable String projectId;

	private final @Nullable String serviceName;

	private final Duration flushInterval;

	private final Duration sendTimeout;

	private final int bufferSize;

	private final long memoryLimit;

	private final int identicalErrorsPerSecond;

	private final boolean debug;

	private final @Nullable Transport transport;

	private final DeliveryListener deliveryListener;

	private final boolean local;

	private final @Nullable Path outbox;

	private final boolean shutdownHook;

	private final @Nullable Path spool;

	private final long spoolMaxBytes;

	private final Duration spoolMaxAge;

	private final boolean captureUncaughtExceptions;

	private SeeStackOptions(Builder builder, String apiKey, URI host) {
		this.apiKey = apiKey;
		this.host = host;
		this.environment = builder.environment;
		this.release = builder.release;
		this.projectId = builder.projectId;
		this.serviceName = builder.serviceName;
		this.flushInterval = builder.flushInterval;
		this.sendTimeout = builder.sendTimeout;
		this.bufferSize = builder.bufferSize;
		this.memoryLimit = builder.memoryLimit;
		this.identicalErrorsPerSecond = builder.identicalErrorsPerSecond;
		this.debug = builder.debug;
		this.transport = builder.transport;
		this.deliveryListener = builder.deliveryListener;
		this.local = builder.local;
		this.outbox = builder.outbox;
		this.shutdownHook = builder.shutdownHook;
		this.spool = builder.spool;
		this.spoolMaxBytes = builder.spoolMaxBytes;
		this.spoolMaxAge = builder.spoolMaxAge;
		this.captureUncaughtExceptions = builder.captureUncaughtExceptions;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The project API key, sent as {@code X-SeeStack-Key}; never logged. */
	public String apiKey() {
		return this.apiKey;
	}

	/** The ingest host, for example {@code https://api.seestack.io}. */
	public URI host() {
		return this.host;
	}

	public @Nullable String environment() {
		return this.environment;
	}

	public @Nullable String release() {
		return this.release;
	}

	/** The project id (a UUID); HTTP request monitoring is off without it. */
	public @Nullable String projectId() {
		return this.projectId;
	}

	public @Nullable String serviceName() {
		return this.serviceName;
	}

	public Duration flushInterval() {
		return this.flushInterval;
	}

	/** The SDK's own deadline on one attempt to send, for any transport. */
	public Duration sendTimeout() {
		return this.sendTimeout;
	}

	public int bufferSize() {
		return this.bufferSize;
	}

	/** The most heap, in bytes, that the events waiting to be sent may hold, all features together. */
	public long memoryLimit() {
		return this.memoryLimit;
	}

	/**
	 * How many repeated errors of one kind (same type, and message but for its ids and numbers) are sent per second
	 * at most, once each user's first error of the kind has been sent; {@code 0} for no limit. The rest are counted
	 * as dropped ({@code RATE_LIMITED}) and the next one sent carries their number, so that a storm of one failure
	 * cannot spend the application's CPU on sending it thousands of times a second. Repeats of all kinds together
	 * are held to ten times this.
	 */
	public int identicalErrorsPerSecond() {
		return this.identicalErrorsPerSecond;
	}

	/** Whether the SDK logs what it sends (never the API key). */
	public boolean debug() {
		return this.debug;
	}

	/** A transport that replaces the JDK HTTP client, or {@code null} for the default; not used in local mode. */
	public @Nullable Transport transport() {
		return this.transport;
	}

	public DeliveryListener deliveryListener() {
		return this.deliveryListener;
	}

	/** Whether payloads are kept locally (a bounded ring and the {@link #outbox()} file) instead of sent. */
	public boolean local() {
		return this.local;
	}

	/** In local mode, the JSON-lines file each payload is appended to, or {@code null} for the in-memory ring only. */
	public @Nullable Path outbox() {
		return this.outbox;
	}

	/** The directory where what cannot be delivered now is kept until it can, or {@code null} for none. */
	public @Nullable Path spool() {
		return this.spool;
	}

	public long spoolMaxBytes() {
		return this.spoolMaxBytes;
	}

	public Duration spoolMaxAge() {
		return this.spoolMaxAge;
	}

	/** Whether the client flushes and closes itself when the JVM shuts down, should nobody close it first. */
	public boolean shutdownHook() {
		return this.shutdownHook;
	}

	/** Whether an exception that ends a thread is captured, before the handler that was there gets it. */
	public boolean captureUncaughtExceptions() {
		return this.captureUncaughtExceptions;
	}

	@Override
	public String toString() {
		return "SeeStackOptions{" + (this.local ? "local, outbox=" + this.outbox + ", " : "") + "host=" + this.host + ", environment=" + this.environment + ", release="
				+ this.release + ", projectId=" + this.projectId + ", serviceName=" + this.serviceName
				+ ", flushInterval=" + this.flushInterval + ", sendTimeout=" + this.sendTimeout
				+ ", bufferSize=" + this.bufferSize
				+ ", identicalErrorsPerSecond=" + this.identicalErrorsPerSecond + ", debug="
				+ this.debug + ", apiKey=[MASKED]}";
	}

	/** Builds {@link SeeStackOptions}. */
	public static final class Builder {

		private @Nullable String apiKey;

		private String host = DEFAULT_HOST;

		private @Nullable String environment;

		private @Nullable String release;

		private @Nullable String projectId;

		private @Nullable String serviceName;

		private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;

		private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;

		private int bufferSize = DEFAULT_BUFFER_SIZE;

		private long memoryLimit = DEFAULT_MEMORY_LIMIT;

		private int identicalErrorsPerSecond = DEFAULT_IDENTICAL_ERRORS_PER_SECOND;

		private boolean debug;

		private @Nullable Transport transport;

		private DeliveryListener deliveryListener = DeliveryListener.NOOP;

		private boolean local;

		private @Nullable Path outbox;

		private boolean shutdownHook = true;

		private @Nullable Path spool;

		private long spoolMaxBytes = DEFAULT_SPOOL_MAX_BYTES;

		private Duration spoolMaxAge = DEFAULT_SPOOL_MAX_AGE;

		private boolean captureUncaughtExceptions = true;

		private Builder() {
		}

		/** The project API key (required). */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/** The ingest host URL; defaults to {@value SeeStackOptions#DEFAULT_HOST}. */
		public Builder host(@Nullable String host) {
			this.host = (host != null) ? host : DEFAULT_HOST;
			return this;
		}

		public Builder environment(@Nullable String environment) {
			this.environment = blankToNull(environment);
			return this;
		}

		public Builder release(@Nullable String release) {
			this.release = blankToNull(release);
			return this;
		}

		/** The project id, a UUID; required for HTTP request monitoring. */
		public Builder projectId(@Nullable String projectId) {
			this.projectId = blankToNull(projectId);
			return this;
		}

		public Builder serviceName(@Nullable String serviceName) {
			this.serviceName = blankToNull(serviceName);
			return this;
		}

		public Builder flushInterval(@Nullable Duration flushInterval) {
			this.flushInterval = (flushInterval != null) ? flushInterval : DEFAULT_FLUSH_INTERVAL;
			return this;
		}

		/**
		 * The SDK's own deadline on one attempt to send (default 10 s), enforced whatever the transport: an attempt
		 * whose future has not completed by then counts as a timeout (retried like one) and frees its place among
		 * the sends in flight, so a transport that never answers cannot stop delivery. The default transport gives
		 * up sooner by itself (3 s to connect, 5 s for the response).
		 */
		public Builder sendTimeout(@Nullable Duration sendTimeout) {
			this.sendTimeout = (sendTimeout != null) ? sendTimeout : DEFAULT_SEND_TIMEOUT;
			return this;
		}

		/**
		 * The most heap, in bytes, that the events waiting to be sent may hold, all features together (default
		 * 8 MB). Beyond it the oldest logs are dropped first, then HTTP items, errors and heartbeats, each counted
		 * ({@code BUFFER_FULL}); what one event holds is bounded at capture (messages, 64 K characters of metadata).
		 */
		public Builder memoryLimit(long memoryLimit) {
			this.memoryLimit = memoryLimit;
			return this;
		}

		public Builder bufferSize(int bufferSize) {
			this.bufferSize = bufferSize;
			return this;
		}

		/** See {@link SeeStackOptions#identicalErrorsPerSecond()}; {@code 0} switches the limit off. */
		public Builder identicalErrorsPerSecond(int identicalErrorsPerSecond) {
			this.identicalErrorsPerSecond = identicalErrorsPerSecond;
			return this;
		}

		public Builder debug(boolean debug) {
			this.debug = debug;
			return this;
		}

		/** Replaces the JDK HTTP transport, for example to record payloads instead of sending them. */
		public Builder transport(@Nullable Transport transport) {
			this.transport = transport;
			return this;
		}

		public Builder deliveryListener(@Nullable DeliveryListener deliveryListener) {
			this.deliveryListener = (deliveryListener != null) ? deliveryListener : DeliveryListener.NOOP;
			return this;
		}

		/**
		 * Local mode, for development without a SeeStack backend: payloads are built and checked exactly as for
		 * delivery, then kept in a bounded in-memory ring and, when {@code outbox} is given, appended as JSON lines
		 * to that file (rotated at 10 MB). No API key is needed and nothing leaves the machine.
		 */
		public Builder local(@Nullable Path outbox) {
			this.local = true;
			this.outbox = outbox;
			return this;
		}

		/**
		 * Keeps what cannot be delivered now on disk, in this directory, and delivers it later, oldest first: when
		 * the backend answers again, and at the next start. Network errors, timeouts, 5xx and 429 after the
		 * retries, and whatever the shutdown deadline leaves unsent go there; while the backend is down, the SDK
		 * sends one probe at a time instead of retrying every batch. The directory is created for the process
		 * owner only and locked: give each process its own. Off by default in the core (it needs a directory that
		 * is this application's); the Spring Boot starter turns it on.
		 * @param directory the spool directory, or {@code null} for none
		 * @param maxBytes the most it keeps (logs and HTTP items are let go of first)
		 * @param maxAge how long it keeps a body
		 */
		public Builder spool(@Nullable Path directory, long maxBytes, @Nullable Duration maxAge) {
			this.spool = directory;
			this.spoolMaxBytes = maxBytes;
			this.spoolMaxAge = (maxAge != null) ? maxAge : DEFAULT_SPOOL_MAX_AGE;
			return this;
		}

		/** Like {@link #spool(Path, long, Duration)}, with the default limits: 64 MB and 24 hours. */
		public Builder spool(@Nullable Path directory) {
			return spool(directory, DEFAULT_SPOOL_MAX_BYTES, DEFAULT_SPOOL_MAX_AGE);
		}

		/**
		 * Whether the client registers a JVM shutdown hook that closes it (flushing within 5 s) if it is still open
		 * when the JVM shuts down, so a batch job or a command-line tool that never calls {@code close()} keeps its
		 * last events. On by default; frameworks that close the client themselves (the Spring Boot starter) turn it
		 * off. {@code close()} removes the hook.
		 */
		public Builder shutdownHook(boolean shutdownHook) {
			this.shutdownHook = shutdownHook;
			return this;
		}

		/**
		 * Whether an exception that ends a thread (one that no code caught) is captured as an error, with the
		 * thread's SeeStack context, before the default uncaught-exception handler that was set before (or, if
		 * there was none, the JVM's printing of the stack trace) handles it as it would have. On by default;
		 * {@code close()} puts the previous handler back.
		 */
		public Builder captureUncaughtExceptions(boolean captureUncaughtExceptions) {
			this.captureUncaughtExceptions = captureUncaughtExceptions;
			return this;
		}

		/**
		 * Validates and builds the options.
		 * @throws SeeStackConfigurationException (an {@link IllegalArgumentException}) naming the option at fault, if
		 * the API key is empty, the host is not an {@code http(s)} URL, the project id is not a UUID, plain
		 * {@code http} is used in production for a remote host, the flush interval or buffer size is not positive,
		 * or the identical errors per second are negative
		 */
		public SeeStackOptions build() {
			String key = blankToNull(this.apiKey);
			if (key == null && this.local) {
				key = "";
			}
			if (key == null) {
				throw new SeeStackConfigurationException("apiKey", null, null, "SeeStack apiKey must not be empty: "
						+ "set it to the API key from your SeeStack project settings", null);
			}
			URI uri = parseHost(this.host);
			if ("http".equals(uri.getScheme()) && "production".equalsIgnoreCase(this.environment)
					&& !isLoopback(uri.getHost())) {
				throw new SeeStackConfigurationException("host", maskUserInfo(this.host), "environment",
						"SeeStack host '" + uri + "' uses plain http while the environment is '" + this.environment
								+ "': use https for the host so the API key and events are encrypted "
								+ "(in production, plain http is allowed only to a loopback address)",
						null);
			}
			if (this.projectId != null) {
				requireUuid(this.projectId);
			}
			if (this.flushInterval.isNegative() || this.flushInterval.isZero()) {
				throw new SeeStackConfigurationException("flushInterval", this.flushInterval.toString(), null,
						"SeeStack flushInterval must be a positive duration, was " + this.flushInterval, null);
			}
			if (this.sendTimeout.isNegative() || this.sendTimeout.isZero()) {
				throw new SeeStackConfigurationException("sendTimeout", this.sendTimeout.toString(), null,
						"SeeStack sendTimeout must be a positive duration, was " + this.sendTimeout, null);
			}
			if (this.spool != null && (this.spoolMaxBytes < 1 || this.spoolMaxAge.isNegative() || this.spoolMaxAge.isZero())) {
				throw new SeeStackConfigurationException("spool", this.spoolMaxBytes + " bytes, " + this.spoolMaxAge,
						null, "SeeStack spool limits must be positive, were " + this.spoolMaxBytes + " bytes and "
								+ this.spoolMaxAge, null);
			}
			if (this.memoryLimit < 1) {
				throw new SeeStackConfigurationException("memoryLimit", String.valueOf(this.memoryLimit), null,
						"SeeStack memoryLimit must be positive, was " + this.memoryLimit, null);
			}
			if (this.bufferSize < 1) {
				throw new SeeStackConfigurationException("bufferSize", String.valueOf(this.bufferSize), null,
						"SeeStack bufferSize must be at least 1, was " + this.bufferSize, null);
			}
			if (this.identicalErrorsPerSecond < 0) {
				throw new SeeStackConfigurationException("identicalErrorsPerSecond",
						String.valueOf(this.identicalErrorsPerSecond), null,
						"SeeStack identicalErrorsPerSecond must be 0 (no limit) or more, was "
								+ this.identicalErrorsPerSecond,
						null);
			}
			return new SeeStackOptions(this, key, uri);
		}

		private static URI parseHost(String host) {
			String trimmed = host.strip();
			try {
				URI uri = new URI(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
				String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
				if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null
						|| uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
					throw invalidHost(host, null);
				}
				return uri;
			}
			catch (URISyntaxException ex) {
				throw invalidHost(host, ex);
			}
		}

		private static SeeStackConfigurationException invalidHost(String host, @Nullable URISyntaxException cause) {
			String shown = maskUserInfo(host);
			return new SeeStackConfigurationException("host", shown, null, "SeeStack host '" + shown
					+ "' is not a valid URL: use the form https://api.seestack.io (scheme http or https, a host name, "
					+ "an optional port, no user info, query or fragment)", cause);
		}

		/** The host as given, but without the password or token that a user info part may hold. */
		private static String maskUserInfo(String host) {
			return host.replaceAll("//[^/@]*@", "//[MASKED]@");
		}

		private static void requireUuid(String projectId) {
			try {
				UUID parsed = UUID.fromString(projectId);
				if (parsed.toString().equalsIgnoreCase(projectId)) {
					return;
				}
			}
			catch (IllegalArgumentException ex) {
				// reported below
			}
			throw new SeeStackConfigurationException("projectId", projectId, null, "SeeStack projectId '" + projectId
					+ "' is not a UUID: copy the project id (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) from your "
					+ "SeeStack project settings", null);
		}

		private static boolean isLoopback(String host) {
			if ("localhost".equalsIgnoreCase(host)) {
				return true;
			}
			String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1)
					: host;
			if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
				return false; // only IP literals are checked: a name is never resolved here
			}
			try {
				return InetAddress.getByName(literal).isLoopbackAddress();
			}
			catch (UnknownHostException ex) {
				return false;
			}
		}

		private static @Nullable String blankToNull(@Nullable String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

	}

}
