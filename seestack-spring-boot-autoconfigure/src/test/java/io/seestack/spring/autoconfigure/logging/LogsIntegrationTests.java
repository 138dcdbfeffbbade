package io.seestack.spring.autoconfigure.logging;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.LoggerContext;
import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.web.testapp.ContextEndpoints;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.StatelessBasicSecurity;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import jakarta.annotation.PostConstruct;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own SLF4J logs and MDC, on a real Tomcat with real Logback and HTTP Basic: a warning carries
 * the user of the request it was logged in, startup warnings are kept, SeeStack's own lines are never sent, the
 * MDC holds the request's user only while the request runs (the server has one thread, so the next request runs
 * where the last one did), and {@code @Async} work carries its request's user while the application's own task
 * decorator still runs.
 */
@ExtendWith(OutputCaptureExtension.class)
// Closed after the class: its client must not stay in the static facade for the tests that follow.
@DirtiesContext
@SpringBootTest(classes = LogsIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "seestack.api-key=" + IngestServer.API_KEY, "seestack.identical-errors-per-second=0",
				"server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
				"logging.structured.format.console=ecs", "logging.level.org.apache.catalina=off" })
class LogsIntegrationTests {

	private static final IngestServer ingest = IngestServer.start();

	/** What the MDC held after each dispatch, seen by a filter outside all of SeeStack's. */
	private static final Queue<String> mdcAfterDispatch = new ConcurrentLinkedQueue<>();

	/** The threads the application's own task decorator saw. */
	private static final Queue<String> decorated = new ConcurrentLinkedQueue<>();

	@LocalServerPort
	private int port;

	@Autowired
	private SeeStackClient client;

	private TestHttp http;

	/** The logs received before any test reset the ingest server: those of the application's start. */
	private static List<String> startupLogs;

	@DynamicPropertySource
	static void ingestHost(DynamicPropertyRegistry registry) {
		registry.add("seestack.host", ingest::url);
	}

	@AfterAll
	static void stopIngest() {
		ingest.close();
	}

	@BeforeEach
	void reset() {
		this.http = new TestHttp(this.port);
		if (startupLogs == null) {
			Payloads.flush(this.client);
			startupLogs = ingest.bodies(Payloads.LOGS).stream().map((log) -> text(log, "message")).toList();
		}
	}

	@Test
	void aWarningLoggedInARequestCarriesItsUserAndAnAnonymousOneNone() {
		Payloads.flush(this.client);
		ingest.reset();
		this.http.get("/context/log-warn", "Authorization", TestHttp.basic("u1"), "traceparent",
				TestHttp.traceparent(1));
		this.http.get("/public/context/log-warn");
		Payloads.flush(this.client);

		List<JsonNode> logs = applicationLogs("com.example.shop.Checkout");
		assertThat(logs).hasSize(2);
		JsonNode signedIn = logs.stream().filter((log) -> TestHttp.traceId(1).equals(text(log, "traceId")))
			.findFirst()
			.orElseThrow();
		JsonNode anonymous = logs.stream().filter((log) -> log != signedIn).findFirst().orElseThrow();
		assertThat(text(signedIn, "message")).isEqualTo("Payment declined for order ORD-7");
		assertThat(text(signedIn, "level")).isEqualTo("warn");
		assertThat(text(signedIn, "metadata", "userId")).isEqualTo("u1");
		assertThat(text(signedIn, "traceId")).isEqualTo(TestHttp.traceId(1));
		assertThat(text(signedIn, "metadata", "thread")).isNotBlank();
		assertThat(text(anonymous, "metadata", "userId")).isNull();
	}

	@Test
	void aWarningLoggedWhileTheApplicationStartedIsSent() {
		assertThat(startupLogs).contains("starting with the default catalogue");
	}

	@Test
	void theAppenderIsAttachedAgainWhenLogbackIsReset() {
		LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
		assertThat(logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(SeeStackLogbackAppender.NAME))
			.isNotNull();
		// What Spring Boot's logging system does when it re-initialises: every appender is detached and stopped.
		logback.reset();
		Payloads.flush(this.client);
		ingest.reset();
		this.http.get("/context/log-warn", "Authorization", TestHttp.basic("u1"));
		Payloads.flush(this.client);
		assertThat(applicationLogs("com.example.shop.Checkout")).extracting((log) -> text(log, "metadata", "userId"))
			.containsExactly("u1");
	}

	@Test
	void seeStacksOwnLogLinesAreNeverSent() {
		Payloads.flush(this.client);
		ingest.reset();
		this.http.get("/public/context/sdk-warn");
		this.http.get("/public/context/log-warn");
		Payloads.flush(this.client);
		assertThat(ingest.bodies(Payloads.LOGS)).extracting((log) -> text(log, "message"))
			.containsExactly("Payment declined for order ORD-7");
	}

	@Test
	void theMdcHoldsTheRequestsUserWhileItRunsAndNothingAfter(CapturedOutput output) {
		String signedIn = body(this.http.get("/context/mdc", "Authorization", TestHttp.basic("u1"), "traceparent",
				TestHttp.traceparent(5), "X-SeeStack-Session", "replay-5"));
		String next = body(this.http.get("/public/context/mdc"));
		this.http.get("/context/log-warn", "Authorization", TestHttp.basic("u1"));

		assertThat(signedIn).isEqualTo("u1|" + TestHttp.traceId(5) + "|replay-5");
		assertThat(next).startsWith("null|").endsWith("|null");
		assertThat(mdcAfterDispatch).as("the MDC once SeeStack's filters are done").containsOnly("none");
		// Spring Boot's structured (ECS) console output shows who the user was, with no code.
		assertThat(output.getOut()).containsPattern("\"userId\":\"u1\"[^\\n]*Payment declined for order ORD-7"
				+ "|Payment declined for order ORD-7[^\\n]*\"userId\":\"u1\"");
	}

	@Test
	void asyncWorkCarriesItsRequestsUserAndTheApplicationsDecoratorStillRuns() {
		Payloads.flush(this.client);
		ingest.reset();
		decorated.clear();
		this.http.get("/context/async-task", "Authorization", TestHttp.basic("u1"));
		this.http.get("/public/context/async-task");
		Payloads.flush(this.client);

		assertThat(Payloads.errors(ingest)).extracting((error) -> text(error, "user", "id"))
			.containsExactlyInAnyOrder("u1", null);
		assertThat(applicationLogs("com.example.shop.AsyncWork")).extracting((log) -> text(log, "metadata", "userId"))
			.containsExactlyInAnyOrder("u1", null);
		assertThat(decorated).hasSize(2);
	}

	private static List<JsonNode> applicationLogs(String logger) {
		return ingest.bodies(Payloads.LOGS).stream()
			.filter((log) -> logger.equals(text(log, "metadata", "logger")))
			.toList();
	}

	private static String body(java.net.http.HttpResponse<byte[]> response) {
		return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	@Import({ ContextEndpoints.class, StatelessBasicSecurity.class })
	static class App {

		@Bean
		ContextEndpoints.AsyncWork asyncWork(SeeStackClient client) {
			return new ContextEndpoints.AsyncWork(client);
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("u1").password(TestHttp.PASSWORD).roles("USER").build());
		}

		/** First of all filters: what the MDC holds once the dispatch is back out of SeeStack's filters. */
		@Bean
		FilterRegistrationBean<Filter> mdcLeakDetector() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				try {
					chain.doFilter(request, response);
				}
				finally {
					String userId = MDC.get("userId");
					mdcAfterDispatch.add((userId != null) ? userId : "none");
				}
			});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
			return registration;
		}

		/** The application's own decorator: SeeStack's must be composed with it, not replace it. */
		@Bean
		TaskDecorator applicationTaskDecorator() {
			return (runnable) -> () -> {
				decorated.add(Thread.currentThread().getName());
				runnable.run();
			};
		}

		@Bean
		StartupWarning startupWarning() {
			return new StartupWarning();
		}

	}

	static class StartupWarning {

		@PostConstruct
		void warn() {
			LoggerFactory.getLogger("com.example.shop.Catalogue").warn("starting with the default catalogue");
		}

	}

}
