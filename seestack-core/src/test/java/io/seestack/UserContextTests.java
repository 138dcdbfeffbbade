package io.seestack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Which user each event carries: precedence, scopes, threads, identify and logout. */
class UserContextTests {

	private static final User GLOBAL = User.builder().id("global").build();

	private static final User ADA = User.builder().id("ada").build();

	private static final User BOB = User.builder().id("bob").build();

	private final RecordingTransport transport = new RecordingTransport();

	private final SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey("k")
		.transport(this.transport).flushInterval(Duration.ofMillis(50)).build());

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void eventUserWinsOverScopeUserWhichWinsOverGlobalUser() {
		this.client.setUser(GLOBAL);
		this.client.captureError(new RuntimeException("global"));
		try (Scope scope = this.client.openScope()) {
			this.client.captureError(new RuntimeException("inherits global"));
			this.client.setUser(ADA);
			this.client.captureError(new RuntimeException("scope"));
			this.client.captureError(new RuntimeException("event"), ErrorContext.builder().user(BOB).build());
		}
		this.client.captureError(new RuntimeException("global again"));

		assertThat(errorUsers()).containsExactly("global:global", "inherits global:global", "scope:ada",
				"event:bob", "global again:global");
	}

	@Test
	void setUserInsideAScopeLeavesTheGlobalUserAlone() {
		try (Scope scope = this.client.openScope()) {
			this.client.setUser(ADA);
		}
		assertThat(this.client.getCurrentUser()).isEmpty();
	}

	@Test
	void clearUserInAScopeMakesItAnonymousEvenWithAGlobalUser() {
		this.client.setUser(GLOBAL);
		try (Scope scope = this.client.openScope()) {
			this.client.clearUser();
			assertThat(this.client.getCurrentUser()).isEmpty();
		}
		assertThat(this.client.getCurrentUser()).contains(GLOBAL);
	}

	@Test
	void nestedScopesInheritAndRestoreExactly() {
		try (Scope outer = this.client.openScope()) {
			this.client.setUser(ADA);
			try (Scope inner = this.client.openScope()) {
				assertThat(this.client.getCurrentUser()).contains(ADA);
				this.client.setUser(BOB);
				assertThat(this.client.currentScope()).containsSame(inner);
			}
			assertThat(this.client.getCurrentUser()).contains(ADA);
			assertThat(this.client.currentScope()).containsSame(outer);
		}
		assertThat(this.client.currentScope()).isEmpty();
	}

	@Test
	void closingAnOuterScopeFirstStillRestoresWhatTheThreadHadBefore() {
		Scope outer = this.client.openScope();
		this.client.setUser(ADA);
		Scope inner = this.client.openScope();

		outer.close();
		inner.close();

		assertThat(this.client.currentScope()).isEmpty();
		assertThat(this.client.getCurrentUser()).isEmpty();
	}

	@Test
	void aScopeClosedOnAnotherThreadNoLongerAttributesItsOpeningThread() throws Exception {
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			Scope scope = this.client.openScope();
			this.client.setUser(ADA);

			other.submit(scope::close).get();

			assertThat(this.client.getCurrentUser()).isEmpty();
			assertThat(this.client.currentScope()).isEmpty();
		}
		finally {
			other.shutdownNow();
		}
	}

	@Test
	void wrappedTasksSeeTheCallersUserAndRestoreTheWorkerThread() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<Boolean> workerHadNoScope = pool.submit(() -> this.client.currentScope().isEmpty());
			assertThat(workerHadNoScope.get()).isTrue();
			Future<?> result;
			try (Scope scope = this.client.openScope()) {
				this.client.setUser(ADA);
				result = pool.submit(this.client.wrap(() -> {
					this.client.captureError(new RuntimeException("in task"));
					this.client.setUser(BOB);
					return null;
				}));
			}
			result.get();
			assertThat(pool.submit(() -> this.client.getCurrentUser()).get()).isEmpty();
			assertThat(pool.submit(() -> this.client.currentScope().isPresent()).get()).isFalse();
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(errorUsers()).containsExactly("in task:ada");
	}

	@Test
	void identifyWithUpdatePreviousLogsAttributesLogsCapturedEarlierInTheScope() throws Exception {
		try (Scope scope = this.client.openScope()) {
			this.client.captureLog(Level.INFO, "before login", Map.of());
			Thread.sleep(200); // several flush timer ticks: held logs must not go out yet
			assertThat(this.transport.bodies(Feature.LOGS)).isEmpty();
			this.client.identify(ADA, true);
			this.client.captureLog(Level.INFO, "after login", Map.of());
		}
		this.client.flush(Duration.ofSeconds(5));

		assertThat(logUsers()).containsExactlyInAnyOrder("before login:ada", "after login:ada");
	}

	@Test
	void identifyWithoutUpdatePreviousLogsOnlyAffectsLaterEvents() {
		try (Scope scope = this.client.openScope()) {
			this.client.captureLog(Level.INFO, "before login", Map.of());
			this.client.identify(ADA, false);
			this.client.captureLog(Level.INFO, "after login", Map.of());
		}
		this.client.flush(Duration.ofSeconds(5));

		assertThat(logUsers()).containsExactlyInAnyOrder("before login:-", "after login:ada");
	}

	@Test
	void logoutClearsTheUserAndAnotherIdentifyCannotClaimTheEarlierLogs() {
		try (Scope scope = this.client.openScope()) {
			this.client.identify(ADA, false);
			this.client.captureLog(Level.INFO, "ada's", Map.of());
			this.client.logout();
			this.client.captureLog(Level.INFO, "anonymous", Map.of());
			this.client.identify(BOB, true);
		}
		this.client.flush(Duration.ofSeconds(5));

		assertThat(logUsers()).containsExactlyInAnyOrder("ada's:ada", "anonymous:bob");
	}

	@Test
	void logoutOutsideAScopeClearsTheGlobalUser() {
		this.client.setUser(GLOBAL);

		this.client.logout();

		assertThat(this.client.getCurrentUser()).isEmpty();
	}

	@Test
	void explicitFlushSendsLogsHeldByAnOpenScope() {
		try (Scope scope = this.client.openScope()) {
			this.client.setUser(ADA);
			this.client.captureLog(Level.INFO, "held", Map.of());

			assertThat(this.client.flush(Duration.ofSeconds(5))).isTrue();
			assertThat(logUsers()).containsExactly("held:ada");
		}
	}

	@Test
	void tokenIsNeverSentAndNeverPrinted() {
		User withToken = User.builder().id("ada").token("tok_abc123").data("note", "x").build();
		this.client.setUser(withToken);
		this.client.captureError(new RuntimeException("e"));
		this.client.captureLog(Level.INFO, "l", Map.of());
		this.client.captureHttpRequest(HttpRequestEvent.builder().build());
		this.client.flush(Duration.ofSeconds(5));

		assertThat(withToken.toString()).doesNotContain("tok_abc123").contains("[MASKED]");
		assertThat(this.transport.bodies(Feature.ERRORS).toString()).doesNotContain("tok_abc123");
		assertThat(this.transport.bodies(Feature.LOGS).toString()).doesNotContain("tok_abc123");
	}

	private List<String> errorUsers() {
		this.client.flush(Duration.ofSeconds(5));
		return this.transport.bodies(Feature.ERRORS).stream()
			.map((body) -> body.get("message").asString() + ":" + userId(body.get("user"))).toList();
	}

	private List<String> logUsers() {
		return this.transport.bodies(Feature.LOGS).stream()
			.map((body) -> body.get("message").asString() + ":" + userId(body.get("metadata").get("userId") == null
					? null : body.get("metadata")))
			.toList();
	}

	private static String userId(JsonNode node) {
		if (node == null) {
			return "-";
		}
		JsonNode id = (node.has("id")) ? node.get("id") : node.get("userId");
		return (id != null) ? id.asString() : "-";
	}

}
