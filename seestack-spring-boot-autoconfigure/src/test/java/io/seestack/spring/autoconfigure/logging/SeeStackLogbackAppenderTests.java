package io.seestack.spring.autoconfigure.logging;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import io.seestack.spring.autoconfigure.logging.SeeStackLogbackAppender.LogsSettings;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The appender on its own, on a Logback context of the test's: levels, loggers, and behind an AsyncAppender. */
class SeeStackLogbackAppenderTests {

	private final IngestServer ingest = IngestServer.start();

	private final SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder()
		.apiKey(IngestServer.API_KEY)
		.host(this.ingest.url())
		.build());

	private final LoggerContext logback = loggerContext();

	@AfterEach
	void stop() {
		this.logback.stop();
		this.client.close();
		this.ingest.close();
	}

	@Test
	void sendsEventsAtOrAboveTheLevelOfTheIncludedLoggersButNeverSeeStacksOwn() {
		attach(new SeeStackLogbackAppender(new LogsSettings(Level.WARN, List.of("com.example"),
				List.of("com.example.noisy"), List.of(), null, null)));

		this.logback.getLogger("com.example.shop").info("info: below the level");
		this.logback.getLogger("com.example.shop").warn("warn: sent");
		this.logback.getLogger("com.example.shop").error("error: sent");
		this.logback.getLogger("com.example.noisy.Poller").error("excluded");
		this.logback.getLogger("com.examples").error("not a child of com.example");
		this.logback.getLogger("org.other").error("not included");
		this.logback.getLogger("io.seestack.internal.delivery.Dispatcher").error("SeeStack's own");
		Payloads.flush(this.client);

		assertThat(this.ingest.bodies(Payloads.LOGS)).extracting((log) -> text(log, "level") + " " + text(log,
				"message")).containsExactlyInAnyOrder("warn warn: sent", "error error: sent");
	}

	@Test
	void anEventProcessedBehindAnAsyncAppenderCarriesTheUserOfTheThreadThatLoggedIt() throws Exception {
		SeeStackLogbackAppender appender = new SeeStackLogbackAppender(new LogsSettings(Level.WARN, List.of(),
				List.of(), List.of("tenant"), "userId", "seestack.traceId"));
		appender.setContext(this.logback);
		appender.start();
		appender.bind(this.client);
		AsyncAppender async = new AsyncAppender();
		async.setContext(this.logback);
		async.addAppender(appender);
		async.start();
		this.logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(async);
		SeeStackMdc mdc = new SeeStackMdc(this.client, "userId", "seestack.traceId", null);

		try (Scope scope = this.client.openScope()) {
			scope.setUser(User.builder().id("ada").build());
			scope.setTraceId("4bf92f3577b34da6a3ce929d0e0e4736");
			org.slf4j.MDC.put("tenant", "acme");
			try (SeeStackMdc.Restore restore = mdc.put()) {
				this.logback.getLogger("com.example.shop").warn("logged by ada", new IllegalStateException("why"));
			}
			finally {
				org.slf4j.MDC.remove("tenant");
			}
		}
		async.stop();
		Payloads.flush(this.client);

		JsonNode log = this.ingest.bodies(Payloads.LOGS).get(0);
		assertThat(text(log, "metadata", "userId")).isEqualTo("ada");
		assertThat(text(log, "traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(text(log, "metadata", "tenant")).isEqualTo("acme");
		assertThat(text(log, "metadata", "exception", "type")).isEqualTo(IllegalStateException.class.getName());
		assertThat(log.get("metadata").get("exception").get("stackTrace").size()).isPositive();
	}

	@Test
	void aLineLoggedBeforeTheUserIsKnownIsAttributedByIdentify() {
		attach(new SeeStackLogbackAppender(new LogsSettings(Level.WARN, List.of(), List.of(), List.of(), null, null)));
		try (Scope scope = this.client.openScope()) {
			this.logback.getLogger("com.example.login").warn("second attempt");
			this.client.identify(User.builder().id("ada").build(), true);
		}
		Payloads.flush(this.client);
		assertThat(this.ingest.bodies(Payloads.LOGS)).singleElement()
			.satisfies((log) -> assertThat(text(log, "metadata", "userId")).isEqualTo("ada"));
	}

	@Test
	void keepsWhatIsLoggedBeforeAClientIsBoundAndSendsItThen() {
		SeeStackLogbackAppender appender = new SeeStackLogbackAppender(new LogsSettings(Level.WARN, List.of(),
				List.of(), List.of(), null, null));
		appender.setContext(this.logback);
		appender.start();
		this.logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);

		this.logback.getLogger("com.example.shop").warn("while starting");
		assertThat(this.client.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(this.ingest.bodies(Payloads.LOGS)).isEmpty();

		appender.bind(this.client);
		Payloads.flush(this.client);
		assertThat(this.ingest.bodies(Payloads.LOGS)).extracting((log) -> text(log, "message"))
			.containsExactly("while starting");
	}

	private static LoggerContext loggerContext() {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
		return context;
	}

	private void attach(SeeStackLogbackAppender appender) {
		appender.setContext(this.logback);
		appender.start();
		appender.bind(this.client);
		Logger root = this.logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.DEBUG);
		root.addAppender(appender);
	}

}
