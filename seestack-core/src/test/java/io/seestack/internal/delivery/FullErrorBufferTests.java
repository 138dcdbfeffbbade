package io.seestack.internal.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.seestack.DeliveryListener;
import io.seestack.DeliveryListener.DropReason;
import io.seestack.ErrorContext;
import io.seestack.Feature;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import io.seestack.User;
import io.seestack.internal.payload.PayloadFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full error buffer keeps an incident's first errors, refuses the newest before building them, and the errors it
 * refused are still counted on the next error of their kind that is sent, with their users.
 */
class FullErrorBufferTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HeldTransport transport = new HeldTransport();

	private final List<String> drops = new CopyOnWriteArrayList<>();

	private final SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder()
		.apiKey("k")
		.transport(this.transport)
		.bufferSize(10)
		.shutdownHook(false)
		.deliveryListener(new DeliveryListener() {

			@Override
			public void dropped(Feature feature, DropReason reason, int count) {
				FullErrorBufferTests.this.drops.add(feature + " " + reason + " " + count);
			}

		})
		.build());

	@AfterEach
	void close() {
		this.transport.acceptAll();
		this.client.close();
	}

	@Test
	void keepsTheFirstErrorsAndCarriesTheCountOfTheRefusedOnTheNextOneSent() {
		for (int user = 0; user < 4; user++) {
			capture(user);
		}
		// Every slot taken and held: from now on only the buffer holds what is captured.
		Awaitility.await().until(() -> this.transport.sent() == 4);
		for (int user = 4; user < 30; user++) {
			capture(user);
		}
		assertThat(this.client.bufferedCount(Feature.ERRORS)).isEqualTo(10);
		assertThat(this.client.status().features().get(Feature.ERRORS).dropped()).isEqualTo(16);

		this.transport.acceptAll();
		// The buffer must have room again before the next error, or it is refused too.
		assertThat(this.client.flush(Duration.ofSeconds(10))).isTrue();
		capture(30);
		assertThat(this.client.flush(Duration.ofSeconds(10))).isTrue();

		List<JsonNode> sent = IntStream.range(0, this.transport.sent()).mapToObj(this::body).toList();
		List<String> expected = new ArrayList<>(IntStream.range(0, 14).mapToObj((user) -> "user-" + user).toList());
		expected.add("user-30");
		assertThat(sent).extracting((error) -> error.get("user").get("id").asString())
			.containsExactlyElementsOf(expected);
		JsonNode last = sent.get(sent.size() - 1).get("metadata");
		assertThat(last.get(PayloadFactory.SUPPRESSED_METADATA_KEY).asLong()).isEqualTo(16);
		assertThat(last.get(PayloadFactory.SUPPRESSED_USERS_METADATA_KEY).asLong()).isEqualTo(16);
		assertThat(this.drops).hasSize(16).containsOnly("ERRORS " + DropReason.BUFFER_FULL + " 1");
	}

	private void capture(int user) {
		this.client.captureError(new IllegalStateException("payment gateway unreachable"),
				ErrorContext.builder().user(User.builder().id("user-" + user).build()).build());
	}

	private JsonNode body(int index) {
		return JSON.readTree(this.transport.body(index));
	}

}
