package io.seestack.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.seestack.spring.autoconfigure.logging.LogsDefaults;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for SeeStack, under {@code seestack.*}. They are mapped onto the core's
 * {@link io.seestack.SeeStackOptions}; the defaults here agree with the core's.
 *
 * <p>Once bound, a text property whose value still holds a <code>${...}</code> placeholder, which Spring Boot
 * leaves as it is when nothing resolves it, is put back to its default with one warning (see
 * {@code UnresolvedPlaceholders}): the literal text of {@code ${SEESTACK_API_KEY}} is not an API key.
 */
@ConfigurationProperties("seestack")
public class SeeStackProperties implements InitializingBean {

	/**
	 * Whether to enable SeeStack. When false, the only SeeStack bean is a no-op SeeStackClient, so that code
	 * injecting it still starts: nothing is captured or sent, and no filter, listener, meter, health indicator or
	 * endpoint is registered.
	 */
	private boolean enabled = true;

	/**
	 * API key of the SeeStack project, from its settings. Without it nothing is sent: SeeStack runs in local mode
	 * (see seestack.local.*), or is off when local mode is disabled. A value with an unresolved placeholder, such as
	 * ${SEESTACK_API_KEY} when that variable is not set, counts as not set.
	 */
	private @Nullable String apiKey;

	/**
	 * Whether a missing API key (not set, blank, or an unresolved placeholder) stops the application from
	 * starting, with a failure analysis, instead of running in local mode. Set it to true in production, where a
	 * missing key is a deployment mistake.
	 */
	private boolean requireApiKey;

	/**
	 * URL of the SeeStack ingest host.
	 */
	private String host = "https://api.seestack.io";

	/**
	 * ID of the SeeStack project (a UUID). HTTP request monitoring is off without it.
	 */
	private @Nullable String projectId;

	/**
	 * Environment stamped on every event, for example 'production' or 'staging'. Plain http hosts are refused in
	 * 'production'.
	 */
	private @Nullable String environment;

	/**
	 * Release stamped on every event. Defaults to the application's build version when build information is
	 * available (META-INF/build-info.properties).
	 */
	private @Nullable String release;

	/**
	 * Name of the service stamped on every event. Defaults to 'spring.application.name'.
	 */
	private @Nullable String serviceName;

	/**
	 * How often buffered logs and HTTP request items are sent.
	 */
	private Duration flushInterval = Duration.ofSeconds(5);

	/**
	 * Maximum number of events kept per feature while waiting to be sent; beyond it a new error is dropped, or the
	 * oldest log, HTTP item or heartbeat.
	 */
	private int bufferSize = 500;

	/**
	 * The most heap that the events waiting to be sent may hold, all features together; beyond it the oldest logs
	 * are dropped first, then HTTP items, errors and heartbeats, each counted.
	 */
	private DataSize memoryLimit = DataSize.ofMegabytes(8);

	/**
	 * Maximum number of repeated errors of one kind (same type, and message but for its ids and numbers) sent per
	 * second, once each user's first error of the kind has been sent; the rest are counted and the next one sent
	 * carries their number. Repeats of all kinds together are held to ten times this. 0 switches the limit off.
	 */
	private int identicalErrorsPerSecond = 10;

	/**
	 * Whether the SDK logs what it sends, for troubleshooting. The API key is never logged.
	 */
	private boolean debug;

	/**
	 * Whether an exception that ends a thread (caught by no code) is captured as a fatal error, then handed to the
	 * default uncaught-exception handler that was set before.
	 */
	private boolean captureUncaughtExceptions = true;

	/**
	 * Whether to collect personal data automatically: the user's email and the request IP. When false, the user's ID
	 * and username are still collected (with OIDC the username is often an email: replace the user resolver if it
	 * must not be sent); a user that the application sets explicitly is sent as given.
	 */
	private boolean sendDefaultPii;

	/**
	 * Proxies, as CIDR ranges or single IP addresses, whose X-Forwarded-For header is trusted to name the client.
	 * The header of any other peer is ignored.
	 */
	private List<String> trustedProxies = new ArrayList<>();

	private final User user = new User();

	private final Exceptions exceptions = new Exceptions();

	private final Http http = new Http();

	private final Security security = new Security();

	private final Reactor reactor = new Reactor();

	private final Local local = new Local();

	private final Spool spool = new Spool();

	private final Replay replay = new Replay();

	private final Logs logs = new Logs();

	private final Mdc mdc = new Mdc();

	private final Health health = new Health();

	/** The properties put back to their defaults because of unresolved placeholders: {@link #afterPropertiesSet()}. */
	private Map<String, List<String>> ignoredPlaceholders = Map.of();

	/**
	 * Puts every text property that still holds an unresolved placeholder back to its default, saying so in one
	 * warning per property, so that such a value behaves as if it were absent.
	 */
	@Override
	public void afterPropertiesSet() {
		this.ignoredPlaceholders = UnresolvedPlaceholders.ignore(this);
	}

	/**
	 * The properties that {@link #afterPropertiesSet()} put back to their defaults, such as
	 * {@code seestack.api-key}, each with the names of its unresolved placeholders, such as
	 * {@code SEESTACK_API_KEY}. Not a getter, so it is no property.
	 */
	Map<String, List<String>> ignoredPlaceholders() {
		return this.ignoredPlaceholders;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public boolean isRequireApiKey() {
		return this.requireApiKey;
	}

	public void setRequireApiKey(boolean requireApiKey) {
		this.requireApiKey = requireApiKey;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public @Nullable String getProjectId() {
		return this.projectId;
	}

	public void setProjectId(@Nullable String projectId) {
		this.projectId = projectId;
	}

	public @Nullable String getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(@Nullable String environment) {
		this.environment = environment;
	}

	public @Nullable String getRelease() {
		return this.release;
	}

	public void setRelease(@Nullable String release) {
		this.release = release;
	}

	public @Nullable String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(@Nullable String serviceName) {
		this.serviceName = serviceName;
	}

	public Duration getFlushInterval() {
		return this.flushInterval;
	}

	public void setFlushInterval(Duration flushInterval) {
		this.flushInterval = flushInterval;
	}

	public int getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(int bufferSize) {
		this.bufferSize = bufferSize;
	}

	public DataSize getMemoryLimit() {
		return this.memoryLimit;
	}

	public void setMemoryLimit(DataSize memoryLimit) {
		this.memoryLimit = memoryLimit;
	}

	public int getIdenticalErrorsPerSecond() {
		return this.identicalErrorsPerSecond;
	}

	public void setIdenticalErrorsPerSecond(int identicalErrorsPerSecond) {
		this.identicalErrorsPerSecond = identicalErrorsPerSecond;
	}

	public boolean isCaptureUncaughtExceptions() {
		return this.captureUncaughtExceptions;
	}

	public void setCaptureUncaughtExceptions(boolean captureUncaughtExceptions) {
		this.captureUncaughtExceptions = captureUncaughtExceptions;
	}

	public boolean isDebug() {
		return this.debug;
	}

	public void setDebug(boolean debug) {
		this.debug = debug;
	}

	public boolean isSendDefaultPii() {
		return this.sendDefaultPii;
	}

	public void setSendDefaultPii(boolean sendDefaultPii) {
		this.sendDefaultPii = sendDefaultPii;
	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public User getUser() {
		return this.user;
	}

	public Exceptions getExceptions() {
		return this.exceptions;
	}

	public Http getHttp() {
		return this.http;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Reactor getReactor() {
		return this.reactor;
	}

	public Local getLocal() {
		return this.local;
	}

	public Spool getSpool() {
		return this.spool;
	}

	public Replay getReplay() {
		return this.replay;
	}

	public Logs getLogs() {
		return this.logs;
	}

	public Mdc getMdc() {
		return this.mdc;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * How much of the request IP to collect: {@code seestack.user.ip} when set, else {@link IpCollection#FULL}
	 * with {@code send-default-pii} and {@link IpCollection#NONE} without it.
	 * @return the IP collection in effect
	 */
	public IpCollection effectiveIpCollection() {
		IpCollection ip = this.user.getIp();
		if (ip != null) {
			return ip;
		}
		return this.sendDefaultPii ? IpCollection.FULL : IpCollection.NONE;
	}

	/**
	 * How much of the request IP address is collected with the user.
	 */
	public enum IpCollection {

		/**
		 * The whole address.
		 */
		FULL,

		/**
		 * The address with its last IPv4 octet or its last 80 IPv6 bits zeroed.
		 */
		ANONYMIZED,

		/**
		 * No address.
		 */
		NONE

	}

	/**
	 * Who the user of a request is.
	 */
	public static class User {

		/**
		 * How much of the request IP address to collect: 'full', 'anonymized' or 'none'. Defaults to 'full' when
		 * send-default-pii is true, else 'none'.
		 */
		private @Nullable IpCollection ip;

		/**
		 * Claim of a JWT or OIDC principal that holds the user's ID.
		 */
		private String idClaim = "sub";

		/**
		 * Claim of a JWT or OIDC principal that holds the user's email (collected only with send-default-pii).
		 */
		private String emailClaim = "email";

		/**
		 * Claim of a JWT or OIDC principal that holds the user's username.
		 */
		private String usernameClaim = "preferred_username";

		public @Nullable IpCollection getIp() {
			return this.ip;
		}

		public void setIp(@Nullable IpCollection ip) {
			this.ip = ip;
		}

		public String getIdClaim() {
			return this.idClaim;
		}

		public void setIdClaim(String idClaim) {
			this.idClaim = idClaim;
		}

		public String getEmailClaim() {
			return this.emailClaim;
		}

		public void setEmailClaim(String emailClaim) {
			this.emailClaim = emailClaim;
		}

		public String getUsernameClaim() {
			return this.usernameClaim;
		}

		public void setUsernameClaim(String usernameClaim) {
			this.usernameClaim = usernameClaim;
		}

	}

	/**
	 * Capture of exceptions thrown while handling web requests.
	 */
	public static class Exceptions {

		/**
		 * Whether to capture exceptions thrown while handling web requests.
		 */
		private boolean enabled = true;

		/**
		 * Lowest response status at which an exception handled by the application (an @ExceptionHandler or
		 * @ControllerAdvice) is captured.
		 */
		private int minimumStatus = 500;

		/**
		 * Exception types, subclasses included, that are never captured.
		 */
		private List<Class<? extends Throwable>> ignored = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMinimumStatus() {
			return this.minimumStatus;
		}

		public void setMinimumStatus(int minimumStatus) {
			this.minimumStatus = minimumStatus;
		}

		public List<Class<? extends Throwable>> getIgnored() {
			return this.ignored;
		}

		public void setIgnored(List<Class<? extends Throwable>> ignored) {
			this.ignored = ignored;
		}

	}

	/**
	 * Monitoring of the HTTP requests that the application receives, and (under outbound) of those it makes.
	 */
	public static class Http {

		/**
		 * Whether to send an HTTP request item for every request the application receives. Needs project-id.
		 */
		private boolean enabled = true;

		/**
		 * Ant-style path patterns of requests that are not monitored.
		 */
		private List<String> excludePaths = new ArrayList<>(List.of("/actuator/**"));

		/**
		 * Fraction of requests, from 0.0 to 1.0, that get an HTTP request item, chosen at random. Errors are
		 * captured whatever the sample.
		 */
		private double sampleRate = 1.0;

		private final Outbound outbound = new Outbound();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getExcludePaths() {
			return this.excludePaths;
		}

		public void setExcludePaths(List<String> excludePaths) {
			this.excludePaths = excludePaths;
		}

		public double getSampleRate() {
			return this.sampleRate;
		}

		public void setSampleRate(double sampleRate) {
			this.sampleRate = sampleRate;
		}

		public Outbound getOutbound() {
			return this.outbound;
		}

		/**
		 * Monitoring of the HTTP calls that the application makes through the RestClient, RestTemplate and
		 * WebClient builders of Spring Boot.
		 */
		public static class Outbound {

			/**
			 * Whether to send an outbound HTTP request item for every call the application makes through a
			 * RestClient, RestTemplate or WebClient built from Spring Boot's builders. Needs project-id.
			 */
			private boolean enabled = true;

			/**
			 * Whether to add a W3C traceparent header with the trace id of the calling scope to those calls, so that
			 * the called service can carry on the trace. A traceparent header the call already has is kept.
			 */
			private boolean propagateTrace;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public boolean isPropagateTrace() {
				return this.propagateTrace;
			}

			public void setPropagateTrace(boolean propagateTrace) {
				this.propagateTrace = propagateTrace;
			}

		}

	}

	/**
	 * Integration with Spring Security.
	 */
	public static class Security {

		/**
		 * Whether to take the user from Spring Security and follow login and logout events.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The spool: what cannot be delivered now (the backend down or throttling, the network failing, the shutdown
	 * deadline passed) is kept on disk and delivered later, oldest first, when the backend answers again and at the
	 * next start. Used when sending, not in local mode.
	 */
	public static class Spool {

		/**
		 * Whether to keep what cannot be delivered now on disk, to deliver it later.
		 */
		private boolean enabled = true;

		/**
		 * Directory of the spool, which this application instance alone uses (it is locked). Defaults to
		 * '${user.home}/.seestack/spool/<spring.application.name>@<host>': the user's own, and one per application
		 * and backend, so nothing is ever sent to another backend than the one it was meant for. On a container,
		 * put it on a volume that outlives the container.
		 */
		private @Nullable Path directory;

		/**
		 * The most the spool keeps on disk; beyond it, the oldest logs and HTTP items go first, then errors and
		 * heartbeats.
		 */
		private DataSize maxSize = DataSize.ofMegabytes(64);

		/**
		 * How long the spool keeps what it could not deliver.
		 */
		private Duration maxAge = Duration.ofHours(24);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable Path directory) {
			this.directory = directory;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/**
	 * Integration with Reactor, in WebFlux applications.
	 */
	public static class Reactor {

		/**
		 * Whether to turn on Reactor's automatic context propagation in a WebFlux application, so that each
		 * exchange's user and IP are current on every thread that runs its operators (as
		 * spring.reactor.context-propagation=auto does). Needs io.micrometer:context-propagation, which the starter
		 * brings. Off, the exceptions that @ExceptionHandler methods answer are not captured.
		 */
		private boolean contextPropagation = true;

		public boolean isContextPropagation() {
			return this.contextPropagation;
		}

		public void setContextPropagation(boolean contextPropagation) {
			this.contextPropagation = contextPropagation;
		}

	}

	/**
	 * Local mode, used when no API key is set: every payload is built and checked exactly as for delivery, then kept
	 * on this machine instead of sent, in a bounded in-memory ring (shown by the Actuator 'seestack' endpoint) and
	 * in an outbox file of JSON lines.
	 */
	public static class Local {

		/**
		 * Whether to run in local mode when no API key is set. When false and no API key is set, SeeStack does
		 * nothing.
		 */
		private boolean enabled = true;

		/**
		 * File that each payload is appended to as one JSON line; rotated to '<file>.1' at 10 MB. Defaults to
		 * '${user.home}/.seestack/<spring.application.name>-outbox.jsonl' ('application' when the name is not
		 * set): the user's own, outside the project so captured data is never committed, and one file per
		 * application. The file is readable by its owner only; a link, or a directory of another user, is
		 * refused.
		 */
		private @Nullable Path outbox;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Path getOutbox() {
			return this.outbox;
		}

		public void setOutbox(@Nullable Path outbox) {
			this.outbox = outbox;
		}

	}

	/**
	 * Links to browser session recordings (replay).
	 */
	public static class Replay {

		/**
		 * Request header that carries the id of the browser's session recording; errors of the request carry it
		 * as sessionId, so they link to the recording. Empty to read no header.
		 */
		private String sessionHeader = "X-SeeStack-Session";

		public String getSessionHeader() {
			return this.sessionHeader;
		}

		public void setSessionHeader(String sessionHeader) {
			this.sessionHeader = sessionHeader;
		}

	}

	/**
	 * The application's own log events (SLF4J with Logback), sent to SeeStack with their user.
	 */
	public static class Logs {

		/**
		 * Whether to send the application's log events at or above minimum-level to SeeStack.
		 */
		private boolean enabled = true;

		/**
		 * Lowest level of the log events sent. Each is one request to the ingest API, so the default keeps to the
		 * actionable ones.
		 */
		private LogLevel minimumLevel = LogLevel.valueOf(LogsDefaults.MINIMUM_LEVEL);

		/**
		 * Loggers (with their children) whose events are sent; empty for all.
		 */
		private List<String> includeLoggers = new ArrayList<>();

		/**
		 * Loggers (with their children) whose events are never sent. By default the servlet container's report of
		 * an exception that escaped a request, which is captured as an error already.
		 */
		private List<String> excludeLoggers = new ArrayList<>(LogsDefaults.EXCLUDED_LOGGERS);

		/**
		 * MDC keys whose values are sent in a log event's metadata.
		 */
		private List<String> mdcKeys = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public LogLevel getMinimumLevel() {
			return this.minimumLevel;
		}

		public void setMinimumLevel(LogLevel minimumLevel) {
			this.minimumLevel = minimumLevel;
		}

		public List<String> getIncludeLoggers() {
			return this.includeLoggers;
		}

		public void setIncludeLoggers(List<String> includeLoggers) {
			this.includeLoggers = includeLoggers;
		}

		public List<String> getExcludeLoggers() {
			return this.excludeLoggers;
		}

		public void setExcludeLoggers(List<String> excludeLoggers) {
			this.excludeLoggers = excludeLoggers;
		}

		public List<String> getMdcKeys() {
			return this.mdcKeys;
		}

		public void setMdcKeys(List<String> mdcKeys) {
			this.mdcKeys = mdcKeys;
		}

	}

	/**
	 * The request's user in the application's own log lines, through SLF4J's MDC.
	 */
	public static class Mdc {

		/**
		 * Whether to put the request's user id, trace id and replay session id into the MDC, and carry them into
		 * async tasks.
		 */
		private boolean enabled = true;

		/**
		 * MDC key of the user id; empty for none. The email is never put in the MDC.
		 */
		private String userIdKey = LogsDefaults.USER_ID_KEY;

		/**
		 * MDC key of the trace id; empty for none. Not 'traceId', which Micrometer Tracing uses for its own.
		 */
		private String traceIdKey = LogsDefaults.TRACE_ID_KEY;

		/**
		 * MDC key of the replay session id; empty for none.
		 */
		private String sessionIdKey = LogsDefaults.SESSION_ID_KEY;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getUserIdKey() {
			return this.userIdKey;
		}

		public void setUserIdKey(String userIdKey) {
			this.userIdKey = userIdKey;
		}

		public String getTraceIdKey() {
			return this.traceIdKey;
		}

		public void setTraceIdKey(String traceIdKey) {
			this.traceIdKey = traceIdKey;
		}

		public String getSessionIdKey() {
			return this.sessionIdKey;
		}

		public void setSessionIdKey(String sessionIdKey) {
			this.sessionIdKey = sessionIdKey;
		}

	}

	/**
	 * The Actuator health indicator 'seestack'.
	 */
	public static class Health {

		/**
		 * Whether the health indicator reports DOWN, and so turns the application's health DOWN, while SeeStack
		 * fails: the API key was rejected, or deliveries fail after every retry. When false, it reports UNKNOWN
		 * with the reason, which leaves the application's health UP: an observability backend is no reason for a
		 * load balancer or a liveness probe to take the application away.
		 */
		private boolean downWhenFailing;

		public boolean isDownWhenFailing() {
			return this.downWhenFailing;
		}

		public void setDownWhenFailing(boolean downWhenFailing) {
			this.downWhenFailing = downWhenFailing;
		}

	}

}
