package io.seestack.internal;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The SDK's own log, through {@link System.Logger} so the core needs no logging library (Spring Boot routes it to
 * SLF4J). Messages never contain the API key: callers build them from what they send, never from options.
 */
public final class SdkLog {

	private final System.Logger logger;

	private final Set<String> warnedOnce = ConcurrentHashMap.newKeySet();

	private SdkLog(System.Logger logger) {
		this.logger = logger;
	}

	public static SdkLog get(Class<?> type) {
		return new SdkLog(System.getLogger(type.getName()));
	}

	public void warn(String message) {
		this.logger.log(Level.WARNING, message);
	}

	public void warn(String message, @Nullable Throwable cause) {
		this.logger.log(Level.WARNING, message, cause);
	}

	/** Logs the warning the first time {@code key} is seen by this log, never again. */
	public void warnOnce(String key, Supplier<String> message) {
		if (this.warnedOnce.add(key)) {
			this.logger.log(Level.WARNING, message.get());
		}
	}

	/** Forgets a {@link #warnOnce} key, so the next occurrence is reported again. */
	public void rearm(String key) {
		this.warnedOnce.remove(key);
	}

	public void info(String message) {
		this.logger.log(Level.INFO, message);
	}

	/** In debug mode at INFO, so it shows without configuring log levels; otherwise at DEBUG. */
	public void debug(boolean debugMode, Supplier<String> message) {
		Level level = debugMode ? Level.INFO : Level.DEBUG;
		if (this.logger.isLoggable(level)) {
			this.logger.log(level, message.get());
		}
	}

}
