package io.seestack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The scope as the carrier of a unit of work's context: IP, session, tags, snapshots, units of work. */
class ScopeContextTests {

	private static final User ADA = User.builder().id("ada").build();

	private static final User BOB = User.builder().id("bob").build();

	private final RecordingTransport transport = new RecordingTransport();

	private final SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey("k")
		.transport(this.transport).flushInterval(Duration.ofMillis(50)).build());

	private final ExecutorService pool = Executors.newSingleThreadExecutor();

	@AfterEach
	void close() {
		this.pool.shutdownNow();
		this.client.close();
		SeeStack.uninstall(this.client);
	}

	@Test
	void theScopesIpIsKeptWhenTheApplicationSetsAUserWithoutOne() {
		try (Scope scope = this.client.openScope()) {
			scope.setIp("203.0.113.9");
			this.client.captureError(new RuntimeException("anonymous"));
			this.client.setUser(ADA);
			this.client.captureError(new RuntimeException("identified"));
			this.client.captureLog(Level.INFO, "log", null);
			this.client.setUser(User.builder().id("bob").ip("198.51.100.1").build());
			this.client.captureError(new RuntimeException("own ip"));
		}
		List<JsonNode> errors = errors();
		assertThat(errors).extracting((error) -> error.get("user").toString()).containsExactly(
				"{\"ip\":\"203.0.113.9\"}", "{\"id\":\"ada\",\"ip\":\"203.0.113.9\"}",
				"{\"id\":\"bob\",\"ip\":\"198.51.100.1\"}");
		assertThat(this.transport.bodies(Feature.LOGS).get(0).get("metadata").get("userIp").asString())
			.isEqualTo("203.0.113.9");
	}

	@Test
	void notSetAndAnonymousAreDifferentStates() {
		this.client.setGlobalUser(ADA);
		try (Scope outer = this.client.openScope()) {
			assertThat(outer.user()).contains(ADA);
			try (Scope inner = this.client.openScope()) {
				inner.clearUser();
				assertThat(inner.user()).isEmpty();
				try (Scope innermost = this.client.openScope()) {
					assertThat(innermost.user()).isEmpty();
				}
			}
			assertThat(outer.user()).contains(ADA);
		}
	}

	@Test
	void errorsAndLogsCarryTheScopesSessionIdTraceIdAndTags() {
		try (Scope scope = this.client.openScope()) {
			scope.setSessionId("replay-1");
			scope.setTraceId("trace-1");
			scope.setTag("tenant", "acme");
			try (Scope nested = this.client.openScope()) {
				nested.setTag("feature", "checkout");
				this.client.captureError(new RuntimeException("e"));
				this.client.captureLog(Level.WARN, "l", null);
			}
		}
		JsonNode metadata = errors().get(0).get("metadata");
		assertThat(metadata.get("sessionId").asString()).isEqualTo("replay-1");
		assertThat(metadata.get("traceId").asString()).isEqualTo("trace-1");
		assertThat(metadata.get("tags").toString()).isEqualTo("{\"tenant\":\"acme\",\"feature\":\"checkout\"}");
		JsonNode log = this.transport.bodies(Feature.LOGS).get(0);
		assertThat(log.get("traceId").asString()).isEqualTo("trace-1");
		assertThat(log.get("metadata").get("tags").get("tenant").asString()).isEqualTo("acme");
	}

	@Test
	void theSamePreallocatedExceptionInTwoUnitsOfWorkIsTwoErrorsEachWithItsOwnUser() {
		// What the JVM throws for every hot NullPointerException with -XX:+OmitStackTraceInFastThrow.
		NullPointerException preallocated = new NullPointerException();
		try (Scope request = this.client.openScope()) {
			request.setUser(ADA);
			this.client.captureError(preallocated);
			this.client.captureError(preallocated);
		}
		try (Scope request = this.client.openScope()) {
			request.setUser(BOB);
			this.client.captureError(preallocated);
		}
		assertThat(errors()).extracting((error) -> error.get("user").get("id").asString()).containsExactly("ada",
				"bob");
	}

	@Test
	void aSnapshotRestoresItsContextAndThenExactlyWhatTheThreadHad() throws Exception {
		ScopeSnapshot snapshot;
		try (Scope request = this.client.openScope()) {
			request.setUser(ADA);
			request.setTraceId("t-ada");
			snapshot = this.client.snapshot();
			request.setUser(BOB);
		}
		assertThat(snapshot.isEmpty()).isFalse();
		String seen = this.pool.submit(() -> {
			try (Scope workerOwn = this.client.openScope()) {
				workerOwn.setTraceId("t-worker");
				String inside;
				try (Scope restored = snapshot.restore()) {
					inside = this.client.getCurrentUser().map(User::id).orElse("-") + "/" + restored.traceId();
					restored.setUser(BOB);
				}
				return inside + " then " + this.client.currentScope().map(Scope::traceId).orElse("-") + "/"
						+ this.client.getCurrentUser().map(User::id).orElse("-");
			}
		}).get();
		assertThat(seen).isEqualTo("ada/t-ada then t-worker/-");
		assertThat(this.pool.submit(() -> this.client.currentScope().isPresent()).get()).isFalse();
	}

	@Test
	void aWrappedExecutorCarriesTheSubmittersContextAndNothingOutsideAUnitOfWork() throws Exception {
		ExecutorService wrapped = this.client.wrap(this.pool);
		try (Scope request = this.client.openScope()) {
			request.setUser(ADA);
			wrapped.submit(() -> this.client.captureError(new RuntimeException("in request task"))).get();
		}
		wrapped.submit(() -> this.client.captureError(new RuntimeException("outside any request"))).get();
		assertThat(errors()).extracting((error) -> error.get("message").asString() + ":"
				+ (error.has("user") ? error.get("user").get("id").asString() : "-"))
			.containsExactly("in request task:ada", "outside any request:-");
	}

	@Test
	void aGlobalUserSetFromAWorkerThreadIsRefusedAndNeverReachesOtherThreads() throws Exception {
		this.pool.submit(() -> this.client.setUser(BOB)).get();
		this.client.captureError(new RuntimeException("setup thread"));
		this.pool.submit(() -> this.client.captureError(new RuntimeException("worker"))).get();

		this.pool.submit(() -> this.client.setGlobalUser(ADA)).get();
		this.client.captureError(new RuntimeException("on purpose"));

		assertThat(errors()).extracting((error) -> error.get("message").asString() + ":"
				+ (error.has("user") ? error.get("user").get("id").asString() : "-"))
			.containsExactly("setup thread:-", "worker:-", "on purpose:ada");
	}

	@Test
	void logoutReleasesTheHeldLogsOfItsOwnScopeOnly() throws Exception {
		CountDownLatch logged = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		this.pool.submit(() -> {
			try (Scope other = this.client.openScope()) {
				other.setUser(BOB);
				this.client.captureLog(Level.INFO, "bob's log", null);
				logged.countDown();
				done.await(10, TimeUnit.SECONDS);
			}
			return null;
		});
		assertThat(logged.await(10, TimeUnit.SECONDS)).isTrue();
		try (Scope mine = this.client.openScope()) {
			mine.setUser(ADA);
			this.client.captureLog(Level.INFO, "ada's log", null);
			this.client.logout();
			// Not flush(): an explicit flush releases every scope's held logs on purpose.
			await().atMost(Duration.ofSeconds(10)).until(() -> !logMessages().isEmpty());
			Thread.sleep(200);
			// identify(true) in bob's scope could still attribute his log: logout elsewhere must not release it.
			assertThat(logMessages()).containsExactly("ada's log");
		}
		done.countDown();
	}

	@Test
	void nothingOfAMetadataValueOrThrowableIsReadOffTheCapturingThread() throws Exception {
		Set<String> readers = ConcurrentHashMap.newKeySet();
		RecordingBean bean = new RecordingBean(readers);
		RecordingRecord record = new RecordingRecord(readers);
		RecordingException error = new RecordingException(readers);
		Map<String, Object> shared = Map.of("bean", bean);
		String capturingThread = this.pool.submit(() -> {
			try (Scope scope = this.client.openScope()) {
				this.client.captureError(error, ErrorContext.builder().metadata("bean", bean)
					.metadata("record", record).metadata("a", shared).metadata("b", shared).build());
				this.client.captureLog(Level.INFO, "l", Map.of("bean", bean, "record", record));
			}
			return Thread.currentThread().getName();
		}).get();
		this.client.flush(Duration.ofSeconds(5));
		assertThat(errors()).hasSize(1);
		assertThat(errors().get(0).get("metadata").get("b").get("bean").asString()).isEqualTo("bean");
		assertThat(readers).containsExactly(capturingThread);
	}

	@Test
	void micrometerContextSnapshotsCarryTheSeeStackContext() throws Exception {
		SeeStack.install(this.client);
		ExecutorService propagating = ContextExecutorService.wrap(this.pool,
				() -> ContextSnapshotFactory.builder().build().captureAll());
		try (Scope request = this.client.openScope()) {
			request.setUser(ADA);
			propagating.submit(() -> this.client.captureError(new RuntimeException("propagated"))).get();
		}
		propagating.submit(() -> this.client.captureError(new RuntimeException("outside"))).get();
		assertThat(this.pool.submit(() -> this.client.currentScope().isPresent()).get()).isFalse();
		assertThat(errors()).extracting((error) -> error.get("message").asString() + ":"
				+ (error.has("user") ? error.get("user").get("id").asString() : "-"))
			.containsExactly("propagated:ada", "outside:-");
	}

	private List<JsonNode> errors() {
		this.client.flush(Duration.ofSeconds(5));
		return this.transport.bodies(Feature.ERRORS);
	}

	private List<String> logMessages() {
		return this.transport.bodies(Feature.LOGS).stream().map((body) -> body.get("message").asString()).toList();
	}

	/** Records the thread of every read of it. */
	static final class RecordingBean {

		private final Set<String> readers;

		RecordingBean(Set<String> readers) {
			this.readers = readers;
		}

		public String getName() {
			this.readers.add(Thread.currentThread().getName());
			return "bean";
		}

		@Override
		public String toString() {
			return getName();
		}

	}

	record RecordingRecord(Set<String> readers) {

		@Override
		public Set<String> readers() {
			this.readers.add(Thread.currentThread().getName());
			return Set.of();
		}

	}

	static final class RecordingException extends RuntimeException {

		private final Set<String> readers;

		RecordingException(Set<String> readers) {
			this.readers = readers;
		}

		@Override
		public String getMessage() {
			this.readers.add(Thread.currentThread().getName());
			return "recorded";
		}

		@Override
		public StackTraceElement[] getStackTrace() {
			this.readers.add(Thread.currentThread().getName());
			return super.getStackTrace();
		}

	}

}
