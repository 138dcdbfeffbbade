package io.seestack.spring.autoconfigure.security;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.seestack.SeeStackClient;
import io.seestack.spring.autoconfigure.logging.SeeStackTaskDecorator;
import io.seestack.spring.autoconfigure.web.testapp.ContextEndpoints;
import io.seestack.spring.autoconfigure.web.testapp.Payloads;
import io.seestack.spring.autoconfigure.web.testapp.StatelessBasicSecurity;
import io.seestack.spring.autoconfigure.web.testapp.TestHttp;
import io.seestack.testsupport.IngestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;

import static io.seestack.spring.autoconfigure.web.testapp.Payloads.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The holes a single request context closes, on a real Tomcat with HTTP Basic: the IP survives the application's
 * own user, a preallocated exception is an error per request, and a callable that outlives its async timeout
 * leaves nothing on the executor thread. The async executor has one thread, so the task after the callable runs
 * where the callable ran; SeeStack's task decorator is switched off here, since it gives every task a scope of its
 * own and so would hide a scope left on the thread: these tests prove the request's own hand-offs clean up.
 */
// Closed after the class: its client must not stay in the static facade for the tests that follow.
@DirtiesContext
@SpringBootTest(classes = RequestContextIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "seestack.api-key=" + IngestServer.API_KEY, "seestack.send-default-pii=true",
				"seestack.identical-errors-per-second=0", "spring.mvc.async.request-timeout=500ms",
				// the API's logs are counted here; the application's SLF4J logs have LogsIntegrationTests
				"seestack.logs.enabled=false",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
				"logging.level.org.apache.catalina=off" })
class RequestContextIntegrationTests {

	private static final IngestServer ingest = IngestServer.start();

	@LocalServerPort
	private int port;

	@Autowired
	private SeeStackClient client;

	@Autowired
	private ThreadPoolTaskExecutor applicationTaskExecutor;

	private TestHttp http;

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
		Payloads.flush(this.client);
		ingest.reset();
		this.http = new TestHttp(this.port);
	}

	@Test
	void theRequestIpIsKeptWhenTheApplicationSetsItsOwnUser() {
		assertThat(this.http.get("/context/custom-user", "Authorization", TestHttp.basic("u3")).statusCode())
			.isEqualTo(500);
		Payloads.flush(this.client);
		assertThat(Payloads.errors(ingest)).singleElement().satisfies((error) -> {
			assertThat(text(error, "user", "id")).isEqualTo("cust-u3");
			assertThat(text(error, "user", "ip")).isEqualTo("127.0.0.1");
		});
	}

	@Test
	void theSamePreallocatedExceptionInTwoRequestsIsTwoErrorsEachWithItsUser() {
		this.http.get("/context/preallocated", "Authorization", TestHttp.basic("u1"));
		this.http.get("/context/preallocated", "Authorization", TestHttp.basic("u2"));
		Payloads.flush(this.client);
		assertThat(Payloads.errors(ingest)).extracting((error) -> text(error, "user", "id"))
			.containsExactlyInAnyOrder("u1", "u2");
	}

	@Test
	void aCallableThatOutlivesItsAsyncTimeoutLeavesNothingOnTheExecutorThread() throws Exception {
		HttpResponse<byte[]> timedOut = this.http.get("/context/slow-callable", "Authorization",
				TestHttp.basic("u9"), "traceparent", TestHttp.traceparent(9));
		assertThat(timedOut.statusCode()).isEqualTo(503);
		// Queued behind the callable on the one executor thread, so it runs there once the callable is done.
		assertThat(this.http.get("/public/context/async-task").statusCode()).isEqualTo(200);
		Payloads.flush(this.client);

		assertThat(this.applicationTaskExecutor.getThreadPoolExecutor()
			.submit(() -> this.client.currentScope().isPresent())
			.get(10, TimeUnit.SECONDS)).as("a scope left on the executor thread").isFalse();
		List<JsonNode> errors = Payloads.errors(ingest);
		assertThat(errors).extracting((error) -> text(error, "exceptionClass") + ": " + text(error, "user", "id"))
			.as("the timeout itself is u9's error")
			.containsExactlyInAnyOrder(AsyncRequestTimeoutException.class.getName() + ": u9",
					IllegalStateException.class.getName() + ": null");
		assertThat(errors).filteredOn((error) -> "async task failed".equals(text(error, "message")))
			.singleElement()
			.satisfies((error) -> {
				assertThat(error.has("user")).as("user of %s", error).isFalse();
				assertThat(text(error, "metadata", "traceId")).isNull();
			});
		assertThat(ingest.bodies(Payloads.LOGS)).singleElement().satisfies((log) -> {
			assertThat(text(log, "metadata", "userId")).isNull();
			assertThat(text(log, "traceId")).isNull();
		});
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

		/** Replaces SeeStack's task decorator with one that decorates nothing (see the class comment). */
		@Bean
		SeeStackTaskDecorator seeStackTaskDecorator(SeeStackClient client) {
			return new SeeStackTaskDecorator(client, null) {

				@Override
				public Runnable decorate(Runnable runnable) {
					return runnable;
				}

			};
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					List.of("u1", "u2", "u3", "u9").stream()
						.map((name) -> User.withUsername(name).password(TestHttp.PASSWORD).roles("USER").build())
						.toList());
		}

	}

}
