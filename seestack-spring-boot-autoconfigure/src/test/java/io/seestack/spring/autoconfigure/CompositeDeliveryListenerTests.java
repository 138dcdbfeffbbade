package io.seestack.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.seestack.DeliveryListener;
import io.seestack.DeliveryListener.DropReason;
import io.seestack.Feature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CompositeDeliveryListener}.
 */
class CompositeDeliveryListenerTests {

	@Test
	void isTheNoopListenerForNoneAndTheListenerItselfForOne() {
		DeliveryListener only = new DeliveryListener() {
		};
		assertThat(CompositeDeliveryListener.of(List.of())).isSameAs(DeliveryListener.NOOP);
		assertThat(CompositeDeliveryListener.of(List.of(only))).isSameAs(only);
	}

	@Test
	void callsEveryListenerInOrderEvenWhenOneThrows() {
		List<String> calls = new CopyOnWriteArrayList<>();
		DeliveryListener throwing = new DeliveryListener() {
			@Override
			public void dropped(Feature feature, DropReason reason, int count) {
				calls.add("throwing");
				throw new IllegalStateException("listener bug");
			}
		};
		DeliveryListener recording = new DeliveryListener() {
			@Override
			public void dropped(Feature feature, DropReason reason, int count) {
				calls.add("recording " + feature + " " + reason + " " + count);
			}

			@Override
			public void disabled(String reason) {
				calls.add("disabled " + reason);
			}
		};
		DeliveryListener composite = CompositeDeliveryListener.of(List.of(throwing, recording));
		composite.dropped(Feature.LOGS, DropReason.BUFFER_FULL, 3);
		composite.disabled("401");
		assertThat(calls).containsExactly("throwing", "recording LOGS BUFFER_FULL 3", "disabled 401");
	}

}
