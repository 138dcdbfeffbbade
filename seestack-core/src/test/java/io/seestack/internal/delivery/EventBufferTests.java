package io.seestack.internal.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.seestack.HttpRequestEvent;
import io.seestack.internal.payload.CapturedEvent;
import io.seestack.internal.payload.CapturedHttpRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventBufferTests {

	private static final CapturedEvent EVENT = new CapturedHttpRequest(
			HttpRequestEvent.builder().path("/").timestamp(Instant.EPOCH).build(), null, "trace");

	@Test
	void keepsTheNewestWhenFullAndSaysSo() {
		EventBuffer buffer = new EventBuffer(3);
		List<CapturedEvent> events = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			events.add(new CapturedHttpRequest(HttpRequestEvent.builder().path("/" + i).build(), null, "t" + i));
		}

		assertThat(buffer.add(events.get(0))).isEqualTo(1);
		assertThat(buffer.add(events.get(1))).isEqualTo(2);
		assertThat(buffer.add(events.get(2))).isEqualTo(3);
		assertThat(buffer.add(events.get(3))).isEqualTo(-1);
		assertThat(buffer.add(events.get(4))).isEqualTo(-1);

		assertThat(buffer.poll(2)).containsExactly(events.get(2), events.get(3));
		assertThat(buffer.size()).isEqualTo(1);
		assertThat(buffer.clear()).isEqualTo(1);
		assertThat(buffer.poll(10)).isEmpty();
	}

	@Test
	void anErrorBufferKeepsItsOldestAndRefusesTheNewest() {
		EventBuffer buffer = new EventBuffer(2, true);
		List<CapturedEvent> events = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			events.add(new CapturedHttpRequest(HttpRequestEvent.builder().path("/" + i).build(), null, "t" + i));
		}

		assertThat(buffer.add(events.get(0))).isEqualTo(1);
		assertThat(buffer.hasRoom()).isTrue();
		assertThat(buffer.add(events.get(1))).isEqualTo(2);
		assertThat(buffer.hasRoom()).isFalse();
		assertThat(buffer.add(events.get(2))).isEqualTo(-1);

		assertThat(buffer.poll(10)).containsExactly(events.get(0), events.get(1));
		assertThat(buffer.hasRoom()).isTrue();
	}

	@Test
	void manyThreadsAddingWhileOneTakesBatchesLoseNothingUncountedAndStayBounded() throws Exception {
		EventBuffer buffer = new EventBuffer(100);
		int threads = 8;
		int perThread = 20_000;
		AtomicLong dropped = new AtomicLong();
		AtomicLong polled = new AtomicLong();
		AtomicLong largestSeen = new AtomicLong();
		AtomicBoolean adding = new AtomicBoolean(true);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		try {
			List<Future<?>> adders = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				adders.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < perThread; i++) {
						int size = buffer.add(EVENT);
						if (size < 0) {
							dropped.incrementAndGet();
						}
						largestSeen.accumulateAndGet(buffer.size(), Math::max);
					}
					return null;
				}));
			}
			Future<?> poller = pool.submit(() -> {
				start.await();
				while (adding.get() || buffer.size() > 0) {
					polled.addAndGet(buffer.poll(100).size());
				}
				return null;
			});
			start.countDown();
			for (Future<?> adder : adders) {
				adder.get(30, TimeUnit.SECONDS);
			}
			adding.set(false);
			poller.get(30, TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(polled.get() + dropped.get()).isEqualTo((long) threads * perThread);
		assertThat(largestSeen.get()).isLessThanOrEqualTo(100 + threads);
		assertThat(buffer.size()).isZero();
	}

}
