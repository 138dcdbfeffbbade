package io.seestack.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.seestack.ErrorContext;
import io.seestack.Feature;
import io.seestack.RecordingTransport;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import io.seestack.internal.payload.PayloadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error storms that keep who was affected: every user's first error of a kind is sent, a new kind is never held
 * back by a storm of others, and what is held back adds up, exactly, in the metadata of what is sent.
 */
class ErrorStormTests {

	private final RecordingTransport transport = new RecordingTransport();

	private final SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder().apiKey("k")
		.transport(this.transport).bufferSize(2_000).shutdownHook(false).build());

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void aStormOfOneKindFromThreeHundredUsersNamesEveryUserAndAccountsForEveryError() throws InterruptedException {
		int captured = 0;
		for (int round = 0; round < 10; round++) {
			for (int user = 0; user < 300; user++) {
				this.client.captureError(new IllegalStateException("inventory service down"),
						ErrorContext.builder().user(User.builder().id("user-" + user).build()).build());
				captured++;
			}
		}
		// One more, once the kind's rate allows it again, reports what was held back since the last one sent.
		Thread.sleep(1_100);
		this.client.captureError(new IllegalStateException("inventory service down"),
				ErrorContext.builder().user(User.builder().id("user-0").build()).build());
		captured++;
		this.client.flush(Duration.ofSeconds(10));

		List<JsonNode> errors = errors();
		Set<String> users = new HashSet<>();
		errors.forEach((error) -> users.add(error.get("user").get("id").asString()));
		assertThat(users).hasSize(300);
		assertThat(errors.stream().mapToLong((error) -> 1 + count(error, PayloadFactory.SUPPRESSED_METADATA_KEY)).sum())
			.isEqualTo(captured);
		assertThat(errors).hasSizeLessThan(captured / 2);
		assertThat(this.client.status().features().get(Feature.ERRORS).dropped()).isEqualTo(captured - errors.size());
	}

	@Test
	void idsInMessagesDoNotMakeEveryErrorItsOwnKind() {
		for (int order = 0; order < 200; order++) {
			this.client.captureError(new IllegalStateException("Order " + (1000 + order) + " not found in "
					+ java.util.UUID.randomUUID()));
		}
		this.client.flush(Duration.ofSeconds(10));

		List<JsonNode> errors = errors();
		assertThat(errors).hasSizeLessThan(50).isNotEmpty();
		assertThat(errors.size() + this.client.status().features().get(Feature.ERRORS).dropped())
			.as("every error sent or counted as held back").isEqualTo(200);
	}

	@Test
	void aNewKindIsSentWhateverStormOfOtherKindsCameBefore() {
		for (int kind = 0; kind < 1_000; kind++) {
			this.client.captureError(new IllegalStateException("failure " + letters(kind)));
		}
		this.client.captureError(new IllegalArgumentException("the one that matters"));
		this.client.flush(Duration.ofSeconds(10));

		assertThat(errors()).hasSize(1_001);
		assertThat(errors().get(1_000).get("message").asString()).isEqualTo("the one that matters");

		// Repeats of twenty kinds want more than the all-kinds rate allows in a second; a new kind still goes.
		for (int repeat = 0; repeat < 20; repeat++) {
			for (int kind = 0; kind < 20; kind++) {
				this.client.captureError(new IllegalStateException("repeated " + letters(kind)));
			}
		}
		this.client.captureError(new UnsupportedOperationException("the next one that matters"));
		this.client.flush(Duration.ofSeconds(10));

		assertThat(this.client.status().features().get(Feature.ERRORS).dropped()).as("the storm was held back")
			.isPositive();
		assertThat(errors()).extracting((error) -> error.get("message").asString())
			.contains("the next one that matters");
	}

	@Test
	void theCountsOfAKindThatIsForgottenAreCarriedByTheNextErrorSent() {
		int captured = 0;
		for (int i = 0; i < 100; i++) {
			this.client.captureError(new IllegalStateException("inventory service down"));
			captured++;
		}
		for (int kind = 0; kind < ErrorRateLimiter.MAX_KINDS + 10; kind++) {
			this.client.captureError(new IllegalArgumentException("failure " + letters(kind)));
			captured++;
		}
		this.client.flush(Duration.ofSeconds(10));

		List<JsonNode> errors = errors();
		long accountedFor = errors.stream()
			.mapToLong((error) -> 1 + count(error, PayloadFactory.SUPPRESSED_METADATA_KEY)
					+ count(error, PayloadFactory.SUPPRESSED_OTHER_KINDS_METADATA_KEY))
			.sum();
		assertThat(accountedFor).isEqualTo(captured);
		assertThat(errors).anySatisfy(
				(error) -> assertThat(count(error, PayloadFactory.SUPPRESSED_OTHER_KINDS_METADATA_KEY)).isPositive());
	}

	private List<JsonNode> errors() {
		return this.transport.bodies(Feature.ERRORS);
	}

	private static long count(JsonNode error, String key) {
		JsonNode count = error.get("metadata").get(key);
		return (count != null) ? count.asLong() : 0;
	}

	/** A word without digits, one per number, so that each is its own kind. */
	private static String letters(int number) {
		StringBuilder word = new StringBuilder();
		int n = number;
		do {
			word.append((char) ('a' + n % 26));
			n /= 26;
		}
		while (n > 0);
		return word.append("x").toString();
	}

}
