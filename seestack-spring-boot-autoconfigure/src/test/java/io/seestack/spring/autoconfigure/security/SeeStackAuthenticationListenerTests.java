package io.seestack.spring.autoconfigure.security;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.seestack.Feature;
import io.seestack.Level;
import io.seestack.Scope;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.event.LogoutSuccessEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** Logout acts on its own request's scope only: another request's held logs stay held. */
class SeeStackAuthenticationListenerTests {

	private final SeeStackClient client;

	private final ExecutorService otherRequest = Executors.newSingleThreadExecutor();

	SeeStackAuthenticationListenerTests() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		// A flush interval no test reaches: what is buffered stays buffered, so it can be counted.
		this.client = SeeStackClient.create(SeeStackOptions.builder().apiKey("k")
			.host("http://127.0.0.1:" + closedPort)
			.flushInterval(Duration.ofHours(1))
			.build());
	}

	@AfterEach
	void stop() {
		this.otherRequest.shutdownNow();
		this.client.close();
	}

	@Test
	void logoutReleasesTheLogsOfItsOwnRequestAndLeavesAnotherRequestsHeld() throws Exception {
		SeeStackAuthenticationListener listener = new SeeStackAuthenticationListener(this.client,
				(authentication) -> User.builder().id(authentication.getName()).build());
		CountDownLatch bobLogged = new CountDownLatch(1);
		CountDownLatch aliceDone = new CountDownLatch(1);
		Future<?> bob = this.otherRequest.submit(() -> {
			try (Scope scope = this.client.openScope()) {
				scope.setUser(User.builder().id("bob").build());
				this.client.captureLog(Level.INFO, "bob's log", null);
				bobLogged.countDown();
				aliceDone.await(10, TimeUnit.SECONDS);
			}
			return null;
		});
		assertThat(bobLogged.await(10, TimeUnit.SECONDS)).isTrue();
		try (Scope scope = this.client.openScope()) {
			scope.setUser(User.builder().id("alice").build());
			this.client.captureLog(Level.INFO, "alice's log", null);
			listener.onApplicationEvent(
					new LogoutSuccessEvent(new TestingAuthenticationToken("alice", "n/a", "ROLE_USER")));
			assertThat(scope.user()).as("alice's scope after logout").isEmpty();
			assertThat(this.client.bufferedCount(Feature.LOGS)).as("logs released to the buffer").isEqualTo(1);
		}
		aliceDone.countDown();
		bob.get(10, TimeUnit.SECONDS);
		assertThat(this.client.bufferedCount(Feature.LOGS)).as("bob's, once his request ended").isEqualTo(2);
	}

}
