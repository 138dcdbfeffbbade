package io.seestack.spring.autoconfigure.logging;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.seestack.spring.autoconfigure.logging.SeeStackLogbackAppender.LogsSettings;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Attaches the {@link SeeStackLogbackAppender} to Logback's root logger as soon as Spring Boot has set logging up
 * (right after its {@link LoggingApplicationListener}, before any bean exists), so warnings logged while the
 * application starts are kept; and attaches it again whenever Logback's configuration is reset (Spring Boot resets
 * it when it re-initialises logging). Registered in {@code META-INF/spring.factories}: an auto-configuration would
 * come too late. Does nothing unless Logback is the SLF4J backend, and SeeStack and {@code seestack.logs.enabled}
 * are on.
 */
public class SeeStackLogbackInstaller implements GenericApplicationListener {

	/** Just after Spring Boot's logging listener, which configures Logback on the same event. */
	public static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

	private static final boolean LOGBACK_PRESENT = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
			SeeStackLogbackInstaller.class.getClassLoader());

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		return LOGBACK_PRESENT && ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			Logback.install(prepared.getEnvironment());
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/** Loaded only when Logback is present. */
	private static final class Logback {

		static void install(ConfigurableEnvironment environment) {
			ILoggerFactory factory = LoggerFactory.getILoggerFactory();
			if (!(factory instanceof LoggerContext context)) {
				return;
			}
			Binder binder = Binder.get(environment);
			Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
			if (!binder.bind("seestack.enabled", Boolean.class).orElse(true)
					|| !binder.bind("seestack.logs.enabled", Boolean.class).orElse(true)) {
				root.detachAppender(SeeStackLogbackAppender.NAME);
				return;
			}
			SeeStackLogbackAppender appender = new SeeStackLogbackAppender(settings(binder));
			attach(context, appender);
			for (LoggerContextListener listener : context.getCopyOfListenerList()) {
				if (listener instanceof ReattachOnReset) {
					context.removeListener(listener);
				}
			}
			context.addListener(new ReattachOnReset(appender));
		}

		static void attach(LoggerContext context, SeeStackLogbackAppender appender) {
			Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
			root.detachAppender(SeeStackLogbackAppender.NAME);
			appender.setContext(context);
			appender.start();
			root.addAppender(appender);
		}

		static LogsSettings settings(Binder binder) {
			Bindable<List<String>> list = Bindable.listOf(String.class);
			return new LogsSettings(
					Level.toLevel(binder.bind("seestack.logs.minimum-level", String.class).orElse(LogsDefaults.MINIMUM_LEVEL), Level.WARN),
					binder.bind("seestack.logs.include-loggers", list).orElse(List.of()),
					binder.bind("seestack.logs.exclude-loggers", list)
						.orElse(LogsDefaults.EXCLUDED_LOGGERS),
					binder.bind("seestack.logs.mdc-keys", list).orElse(List.of()),
					emptyToNull(binder.bind("seestack.mdc.user-id-key", String.class).orElse(LogsDefaults.USER_ID_KEY)),
					emptyToNull(binder.bind("seestack.mdc.trace-id-key", String.class).orElse(LogsDefaults.TRACE_ID_KEY)));
		}

		private static String emptyToNull(String value) {
			return value.isBlank() ? null : value;
		}

	}

	/** Attaches the appender again after Logback's configuration is reset (which removes every appender). */
	private static final class ReattachOnReset extends ContextAwareBase implements LoggerContextListener {

		private final SeeStackLogbackAppender appender;

		ReattachOnReset(SeeStackLogbackAppender appender) {
			this.appender = appender;
		}

		@Override
		public boolean isResetResistant() {
			return true;
		}

		@Override
		public void onStart(LoggerContext context) {
			Logback.attach(context, this.appender);
		}

		@Override
		public void onReset(LoggerContext context) {
			Logback.attach(context, this.appender);
		}

		@Override
		public void onStop(LoggerContext context) {
		}

		@Override
		public void onLevelChange(Logger logger, Level level) {
		}

	}

}
