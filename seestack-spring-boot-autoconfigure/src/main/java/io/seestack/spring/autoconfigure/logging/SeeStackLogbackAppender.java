package io.seestack.spring.autoconfigure.logging;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.seestack.LogBuilder;
import io.seestack.SeeStackClient;
import io.seestack.User;
import org.jspecify.annotations.Nullable;

/**
 * Sends the application's log events at or above a level to SeeStack, with the user, IP and trace id of the scope
 * they were logged in. Called on the logging thread, where the scope is current; behind an {@code AsyncAppender},
 * where another thread processes the event, the user id and trace id come from the event's MDC (the starter puts
 * them there during requests).
 *
 * <p>Never sends SeeStack's own log lines ({@code io.seestack.internal}, {@code io.seestack.spring}, ...), so a failing backend cannot feed itself, and
 * nothing logged while capturing on this thread. Events logged before the application context's client is bound
 * (startup warnings) are kept, up to {@link #EARLY_EVENTS}, and sent once it is.
 */
public class SeeStackLogbackAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	/** The appender's name on the root logger. */
	public static final String NAME = "SEESTACK";

	/** Events kept at most before the client is ready; beyond it the oldest go. */
	static final int EARLY_EVENTS = 256;

	static final int MAX_FRAMES = 64;

	/** SeeStack's own loggers: the core's implementation and facade, and the starter; not an application's. */
	private static final List<String> OWN_LOGGERS = List.of("io.seestack.internal", "io.seestack.spring",
			"io.seestack.SeeStack", "io.seestack.transport");

	private static final ThreadLocal<Boolean> appending = new ThreadLocal<>();

	private final LogsSettings settings;

	private final ArrayDeque<ILoggingEvent> early = new ArrayDeque<>();

	/** Whether {@link #early} may hold events: read on every event, so that none takes the lock for nothing. */
	private volatile boolean keptEarly;

	/** The application context's client once it is up; until then events are kept. */
	private volatile @Nullable SeeStackClient client;

	public SeeStackLogbackAppender(LogsSettings settings) {
		this.settings = settings;
		setName(NAME);
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (appending.get() != null || !isSent(event)) {
			return;
		}
		appending.set(Boolean.TRUE);
		try {
			SeeStackClient client = this.client;
			if (client == null || !client.isEnabled()) {
				keepEarly(event);
				return;
			}
			drainEarly(client);
			send(client, event, !Thread.currentThread().getName().equals(event.getThreadName()));
		}
		catch (RuntimeException ex) {
			// A log call must never fail because of SeeStack; the client logs its own faults once.
		}
		finally {
			appending.remove();
		}
	}

	/** Whether the event is one the settings send: level, loggers, and never SeeStack's own. */
	boolean isSent(ILoggingEvent event) {
		String logger = event.getLoggerName();
		if (!event.getLevel().isGreaterOrEqual(this.settings.minimumLevel()) || matchesAny(logger, OWN_LOGGERS)) {
			return false;
		}
		if (!this.settings.includeLoggers().isEmpty() && !matchesAny(logger, this.settings.includeLoggers())) {
			return false;
		}
		return !matchesAny(logger, this.settings.excludeLoggers());
	}

	private void send(SeeStackClient client, ILoggingEvent event, boolean elsewhere) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		LogBuilder log = client.log().with("logger", event.getLoggerName()).with("thread", event.getThreadName());
		for (String key : this.settings.mdcKeys()) {
			String value = mdc.get(key);
			if (value != null) {
				log.with(key, value);
			}
		}
		IThrowableProxy error = event.getThrowableProxy();
		if (error != null) {
			log.with("exception", exception(error));
		}
		if (elsewhere) {
			// Processed off the logging thread (an AsyncAppender): its scope is not here, the MDC copy is.
			String userId = mdcValue(mdc, this.settings.mdcUserIdKey());
			log.user((userId != null) ? User.builder().id(userId).build() : null)
				.traceId(mdcValue(mdc, this.settings.mdcTraceIdKey()));
		}
		log.timestamp(Instant.ofEpochMilli(event.getTimeStamp())).log(level(event.getLevel()), event.getFormattedMessage());
	}

	private synchronized void keepEarly(ILoggingEvent event) {
		// Takes the message, MDC and thread name now, as an AsyncAppender does: the event is sent later.
		event.prepareForDeferredProcessing();
		if (this.early.size() >= EARLY_EVENTS) {
			this.early.removeFirst();
		}
		this.early.addLast(event);
		this.keptEarly = true;
	}

	/**
	 * Sends to the client from now on, and sends it the events kept while there was none; called once the
	 * application context is up. The client of the context started last wins (tests start several).
	 */
	public void bind(SeeStackClient client) {
		this.client = client;
		if (client.isEnabled() && appending.get() == null) {
			appending.set(Boolean.TRUE);
			try {
				drainEarly(client);
			}
			catch (RuntimeException ex) {
				// as in append
			}
			finally {
				appending.remove();
			}
		}
	}

	/** Stops sending to the client, if it is the one bound; called when its application context closes. */
	public void unbind(SeeStackClient client) {
		if (this.client == client) {
			this.client = null;
		}
	}

	private void drainEarly(SeeStackClient client) {
		if (!this.keptEarly) {
			return;
		}
		List<ILoggingEvent> kept;
		synchronized (this) {
			this.keptEarly = false;
			if (this.early.isEmpty()) {
				return;
			}
			kept = new ArrayList<>(this.early);
			this.early.clear();
		}
		for (ILoggingEvent event : kept) {
			send(client, event, true);
		}
	}

	private static Map<String, Object> exception(IThrowableProxy error) {
		Map<String, Object> exception = new LinkedHashMap<>();
		exception.put("type", error.getClassName());
		if (error.getMessage() != null) {
			exception.put("message", error.getMessage());
		}
		List<String> frames = new ArrayList<>();
		StackTraceElementProxy[] proxies = error.getStackTraceElementProxyArray();
		for (int i = 0; i < Math.min(proxies.length, MAX_FRAMES); i++) {
			frames.add(proxies[i].getSTEAsString());
		}
		if (proxies.length > MAX_FRAMES) {
			frames.add("... " + (proxies.length - MAX_FRAMES) + " more");
		}
		exception.put("stackTrace", frames);
		if (error.getCause() != null) {
			exception.put("cause", error.getCause().getClassName() + ": " + error.getCause().getMessage());
		}
		return exception;
	}

	private static @Nullable String mdcValue(Map<String, String> mdc, @Nullable String key) {
		return (key != null) ? mdc.get(key) : null;
	}

	private static io.seestack.Level level(Level level) {
		if (level.isGreaterOrEqual(Level.ERROR)) {
			return io.seestack.Level.ERROR;
		}
		if (level.isGreaterOrEqual(Level.WARN)) {
			return io.seestack.Level.WARN;
		}
		return level.isGreaterOrEqual(Level.INFO) ? io.seestack.Level.INFO : io.seestack.Level.DEBUG;
	}

	private static boolean matchesAny(String logger, List<String> prefixes) {
		for (String prefix : prefixes) {
			if (logger.equals(prefix) || (logger.startsWith(prefix) && logger.length() > prefix.length()
					&& logger.charAt(prefix.length()) == '.')) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What the appender sends.
	 *
	 * @param minimumLevel the lowest level sent
	 * @param includeLoggers logger names (and their children) sent; empty for all
	 * @param excludeLoggers logger names (and their children) never sent
	 * @param mdcKeys MDC keys whose values are sent in the log's metadata
	 * @param mdcUserIdKey the MDC key of the user id, for events processed off their thread
	 * @param mdcTraceIdKey the MDC key of the trace id, likewise
	 */
	public record LogsSettings(Level minimumLevel, List<String> includeLoggers, List<String> excludeLoggers,
			List<String> mdcKeys, @Nullable String mdcUserIdKey, @Nullable String mdcTraceIdKey) {
	}

}
