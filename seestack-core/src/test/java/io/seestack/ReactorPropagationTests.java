package io.seestack;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactor with automatic context propagation carries the SeeStack context to whatever thread runs an operator,
 * through the {@code ThreadLocalAccessor} that the core registers with Micrometer's context propagation.
 */
class ReactorPropagationTests {

	private final SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey("k")
		.transport(new RecordingTransport()).build());

	@BeforeEach
	void install() {
		SeeStack.install(this.client);
		Hooks.enableAutomaticContextPropagation();
	}

	@AfterEach
	void uninstall() {
		Hooks.disableAutomaticContextPropagation();
		SeeStack.uninstall(this.client);
		this.client.close();
	}

	@Test
	void anOperatorOnAnotherThreadSeesTheUserOfTheScopeThatSubscribed() {
		String seen;
		try (Scope scope = this.client.openScope()) {
			scope.setUser(User.builder().id("ada").build());
			seen = Mono.fromCallable(() -> Thread.currentThread().getName() + " " + userOf(this.client))
				.subscribeOn(Schedulers.boundedElastic())
				.contextCapture()
				.block(Duration.ofSeconds(10));
		}
		assertThat(seen).startsWith("boundedElastic").endsWith(" ada");
		String outside = Mono.fromCallable(() -> userOf(this.client))
			.subscribeOn(Schedulers.boundedElastic())
			.contextCapture()
			.block(Duration.ofSeconds(10));
		assertThat(outside).isEqualTo("none");
	}

	private static String userOf(SeeStackClient client) {
		return client.getCurrentUser().map(User::id).orElse("none");
	}

}
