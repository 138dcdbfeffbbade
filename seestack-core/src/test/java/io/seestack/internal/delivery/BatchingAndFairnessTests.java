package io.seestack.internal.delivery;

import java.time.Duration;
import java.util.List;

import io.seestack.Feature;
import io.seestack.HttpRequestEvent;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the dispatcher fills HTTP batches and shares its in-flight slots, with a transport whose sends stay in
 * flight until the test answers them. The flush timer is an hour away, so only thresholds and completions send.
 */
class BatchingAndFairnessTests {

	private final HeldTransport transport = new HeldTransport();

	private final SeeStackClient client = SeeStackClient.create(SeeStackOptions.builder()
		.apiKey("seestack_test_key")
		.host("http://127.0.0.1:9")
		.projectId("a1b2c3d4-e5f6-7890-abcd-ef1234567890")
		.flushInterval(Duration.ofHours(1))
		.transport(this.transport)
		.build());

	@AfterEach
	void close() {
		this.transport.acceptAll();
		this.client.close();
	}

	@Test
	void httpItemsGoInFullBatchesOfOneHundredAndTheRestOnFlush() {
		captureHttpItems(99);
		assertThat(this.transport.sent()).as("99 items wait for a full batch").isZero();
		captureHttpItems(151);
		awaitSent(2);
		assertThat(this.client.bufferedCount(Feature.HTTP_REQUESTS)).isEqualTo(50);

		this.transport.acceptAll();
		this.client.flush(Duration.ofSeconds(5));

		assertThat(this.transport.itemCounts(Feature.HTTP_REQUESTS)).containsExactly(100, 100, 50);
	}

	@Test
	void anErrorStormDoesNotKeepTheOtherFeaturesFromTheirTurn() {
		for (int i = 0; i < 40; i++) {
			this.client.captureError(new IllegalStateException("storm " + i));
		}
		awaitSent(Dispatcher.MAX_IN_FLIGHT);
		captureHttpItems(100);
		this.client.finishJob(this.client.startJob("nightly-report"), null, null);

		// Each answer frees one slot; the features take the free slots in turn.
		for (int answered = 0; answered < 6; answered++) {
			this.transport.accept(answered);
			awaitSent(Dispatcher.MAX_IN_FLIGHT + answered + 1);
		}

		List<Feature> sent = List.of(this.transport.feature(4), this.transport.feature(5),
				this.transport.feature(6), this.transport.feature(7), this.transport.feature(8),
				this.transport.feature(9));
		assertThat(sent).contains(Feature.HTTP_REQUESTS, Feature.HEARTBEATS, Feature.ERRORS);
		assertThat(this.client.bufferedCount(Feature.ERRORS)).as("errors still waiting").isPositive();
	}

	private void captureHttpItems(int count) {
		for (int i = 0; i < count; i++) {
			this.client.captureHttpRequest(HttpRequestEvent.builder().path("/items/" + i).statusCode(200).build());
		}
	}

	private void awaitSent(int count) {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.transport.sent() >= count);
		assertThat(this.transport.sent()).isEqualTo(count);
	}

}
