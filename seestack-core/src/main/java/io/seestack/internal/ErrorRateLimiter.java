package io.seestack.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.failsafe.RateLimiter;
import io.seestack.internal.payload.PayloadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Lets at most {@code identicalErrorsPerSecond} errors of one kind (type and message) through per second, and ten
 * times that of all kinds together; counts the rest per kind, so that the next one let through says how many were
 * held back. An endpoint that fails on every call would otherwise have the SDK build and send thousands of
 * identical payloads a second, with the application's CPU.
 */
final class ErrorRateLimiter {

	/** Kinds remembered at most; beyond it the counts start again, so memory stays bounded. */
	static final int MAX_KINDS = 1_024;

	static final int ALL_KINDS_FACTOR = 10;

	private static final int MAX_MESSAGE_IN_KEY = 256;

	private static final Duration SECOND = Duration.ofSeconds(1);

	private final int perSecond;

	private final @Nullable RateLimiter<Object> allKinds;

	private final Map<KindKey, Kind> kinds = new ConcurrentHashMap<>();

	ErrorRateLimiter(int perSecond) {
		this.perSecond = perSecond;
		this.allKinds = (perSecond > 0)
				? RateLimiter.burstyBuilder((long) perSecond * ALL_KINDS_FACTOR, SECOND).build() : null;
	}

	/**
	 * @return {@code -1} when the error is to be held back, else how many of its kind were held back before it
	 */
	long tryAcquire(Throwable error) {
		if (this.allKinds == null) {
			return 0;
		}
		Kind kind = kindOf(error);
		if (kind.limiter.tryAcquirePermit() && this.allKinds.tryAcquirePermit()) {
			return kind.suppressed.getAndSet(0);
		}
		kind.suppressed.incrementAndGet();
		return -1;
	}

	private Kind kindOf(Throwable error) {
		String message = PayloadFactory.messageOf(error);
		KindKey key = new KindKey(error.getClass(),
				(message.length() > MAX_MESSAGE_IN_KEY) ? message.substring(0, MAX_MESSAGE_IN_KEY) : message);
		Kind kind = this.kinds.get(key);
		if (kind == null) {
			if (this.kinds.size() >= MAX_KINDS) {
				this.kinds.clear();
			}
			kind = this.kinds.computeIfAbsent(key, (ignored) -> new Kind(this.perSecond));
		}
		return kind;
	}

	/** A type and message: a record, so that no key string is built on every capture. */
	private record KindKey(Class<?> type, String message) {
	}

	private static final class Kind {

		private final RateLimiter<Object> limiter;

		private final AtomicLong suppressed = new AtomicLong();

		Kind(int perSecond) {
			this.limiter = RateLimiter.burstyBuilder(perSecond, SECOND).build();
		}

	}

}
