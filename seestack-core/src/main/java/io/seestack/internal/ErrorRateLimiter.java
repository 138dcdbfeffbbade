package io.seestack.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.failsafe.RateLimiter;
import io.seestack.internal.payload.PayloadFactory;
import io.seestack.internal.payload.Suppressed;
import org.jspecify.annotations.Nullable;

/**
 * Decides, before anything is built, whether an error is sent, so that a storm costs the application little and
 * still tells who was affected:
 * <ul>
 * <li>the first error of each user for each kind in a minute is always sent (up to {@link #MAX_USERS_PER_KIND}
 * users per kind; beyond it the users held back are counted, distinctly while memory allows);</li>
 * <li>the first error of a new kind is always sent, whatever storm of other kinds is going on;</li>
 * <li>repeats are sent at most {@code identicalErrorsPerSecond} a second per kind and ten times that of all kinds,
 * the rest counted; the next error of that kind that is sent says how many were held back, and of how many users
 * it did not name.</li>
 * </ul>
 * A kind is the exception's type and its message with numbers, UUIDs and hexadecimal ids taken out, so that
 * "order 1234 not found" and "order 5678 not found" are one kind; the stack is not read here, as that is what makes
 * capturing expensive on the caller's thread. Memory is bounded: {@link #MAX_KINDS} kinds (the least recently seen
 * one goes; its pending counts are carried by the next error sent, as held back of other kinds) and
 * {@link #MAX_TRACKED_USERS} users across them.
 */
final class ErrorRateLimiter {

	static final int MAX_KINDS = 1_024;

	static final int MAX_USERS_PER_KIND = 1_000;

	static final int MAX_TRACKED_USERS = 65_536;

	static final long USER_WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

	static final int ALL_KINDS_FACTOR = 10;

	private static final int MAX_MESSAGE_IN_KEY = 256;

	private static final Duration SECOND = Duration.ofSeconds(1);

	private final int perSecond;

	private final @Nullable RateLimiter<Object> allKinds;

	private final Map<KindKey, Kind> kinds = new ConcurrentHashMap<>();

	private final AtomicInteger trackedUsers = new AtomicInteger();

	/** Held-back errors of kinds that were forgotten before they could report them. */
	private final AtomicLong suppressedOfForgottenKinds = new AtomicLong();

	ErrorRateLimiter(int perSecond) {
		this.perSecond = perSecond;
		this.allKinds = (perSecond > 0)
				? RateLimiter.burstyBuilder((long) perSecond * ALL_KINDS_FACTOR, SECOND).build() : null;
	}

	/**
	 * @param userId the id of the user the error would carry, or {@code null} when anonymous
	 * @return {@code null} when the error is to be held back, else what was held back before it
	 */
	@Nullable Suppressed tryAcquire(Throwable error, @Nullable String userId) {
		if (this.allKinds == null) {
			return Suppressed.NONE;
		}
		long now = System.nanoTime();
		Kind kind = kindOf(error, now);
		long user = userKey(userId);
		Admission admission = kind.admit(user, now, this.trackedUsers);
		if (kind.claimFirst() || admission == Admission.FIRST_OF_USER
				|| (kind.limiter.tryAcquirePermit() && this.allKinds.tryAcquirePermit())) {
			return kind.report(this.suppressedOfForgottenKinds.getAndSet(0), this.trackedUsers);
		}
		kind.holdBack(user, admission == Admission.UNLISTED_USER, this.trackedUsers);
		return null;
	}

	/**
	 * Counts an error that is dropped before it was offered (its buffer is full): with the limit on, it is carried,
	 * with its user, by the next error of its kind that is sent, as if the limit had held it back.
	 */
	void heldBackUnsent(Throwable error, @Nullable String userId) {
		if (this.allKinds != null) {
			kindOf(error, System.nanoTime()).holdBackUnsent(userKey(userId), this.trackedUsers);
		}
	}

	private Kind kindOf(Throwable error, long now) {
		KindKey key = new KindKey(error.getClass(), MessageShape.of(PayloadFactory.messageOf(error), MAX_MESSAGE_IN_KEY));
		Kind kind = this.kinds.get(key);
		if (kind == null) {
			if (this.kinds.size() >= MAX_KINDS) {
				forgetLeastRecentlySeen();
			}
			kind = this.kinds.computeIfAbsent(key, (ignored) -> new Kind(this.perSecond, now));
		}
		kind.lastSeen = now;
		return kind;
	}

	private void forgetLeastRecentlySeen() {
		Map.Entry<KindKey, Kind> oldest = null;
		for (Map.Entry<KindKey, Kind> entry : this.kinds.entrySet()) {
			if (oldest == null || entry.getValue().lastSeen - oldest.getValue().lastSeen < 0) {
				oldest = entry;
			}
		}
		if (oldest != null && this.kinds.remove(oldest.getKey(), oldest.getValue())) {
			this.suppressedOfForgottenKinds.addAndGet(oldest.getValue().forget(this.trackedUsers));
		}
	}

	/** A 64-bit hash of the user id (FNV-1a), never 0, which marks an empty slot; anonymous is one user. */
	static long userKey(@Nullable String userId) {
		if (userId == null) {
			return 1;
		}
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < userId.length(); i++) {
			hash = (hash ^ userId.charAt(i)) * 0x100000001b3L;
		}
		return (hash == 0) ? 2 : hash;
	}

	/** A type and a message shape: a record, so that no key string is built on every capture. */
	private record KindKey(Class<?> type, String message) {
	}

	private enum Admission {

		/** The user's first error of this kind in the window: sent. */
		FIRST_OF_USER,
		/** A user already named in the window: sent if the kind's rate allows. */
		LISTED_USER,
		/** A user beyond the per-kind cap or the memory budget: sent if the rate allows, else counted. */
		UNLISTED_USER

	}

	private static final class Kind {

		private final RateLimiter<Object> limiter;

		private final LongSet listed = new LongSet();

		private final LongSet unlisted = new LongSet();

		private long windowStart;

		private long suppressed;

		private long suppressedUsers;

		private volatile long lastSeen;

		/** Whether the kind's very first error was let through: it always is, whatever the rates say. */
		private final AtomicBoolean firstClaimed = new AtomicBoolean();

		Kind(int perSecond, long now) {
			this.limiter = RateLimiter.burstyBuilder(perSecond, SECOND).build();
			this.windowStart = now;
		}

		/** {@code true} once, for the first error of the kind; a plain read after that. */
		boolean claimFirst() {
			return !this.firstClaimed.get() && this.firstClaimed.compareAndSet(false, true);
		}

		synchronized Admission admit(long user, long now, AtomicInteger trackedUsers) {
			if (now - this.windowStart > USER_WINDOW_NANOS) {
				trackedUsers.addAndGet(-(this.listed.size() + this.unlisted.size()));
				this.listed.clear();
				this.unlisted.clear();
				this.windowStart = now;
			}
			if (this.listed.contains(user)) {
				return Admission.LISTED_USER;
			}
			if (this.listed.size() < MAX_USERS_PER_KIND && trackedUsers.incrementAndGet() <= MAX_TRACKED_USERS) {
				this.listed.add(user);
				return Admission.FIRST_OF_USER;
			}
			if (this.listed.size() < MAX_USERS_PER_KIND) {
				trackedUsers.decrementAndGet();
			}
			return Admission.UNLISTED_USER;
		}

		synchronized void holdBack(long user, boolean unlistedUser, AtomicInteger trackedUsers) {
			this.suppressed++;
			if (!unlistedUser || this.unlisted.contains(user)) {
				return;
			}
			// Users are counted distinctly while the memory budget allows; beyond it, each held-back error of an
			// unnamed user counts as one more user, so the summary never says fewer than there were.
			this.suppressedUsers++;
			if (trackedUsers.incrementAndGet() <= MAX_TRACKED_USERS) {
				this.unlisted.add(user);
			}
			else {
				trackedUsers.decrementAndGet();
			}
		}

		/** An error that was not sent: a user already named on a sent error of the kind is not counted again. */
		synchronized void holdBackUnsent(long user, AtomicInteger trackedUsers) {
			holdBack(user, !this.listed.contains(user), trackedUsers);
		}

		/** What was held back since the last report, which starts afresh. */
		synchronized Suppressed report(long ofForgottenKinds, AtomicInteger trackedUsers) {
			Suppressed report = (this.suppressed == 0 && ofForgottenKinds == 0) ? Suppressed.NONE
					: new Suppressed(this.suppressed, this.suppressedUsers, ofForgottenKinds);
			this.suppressed = 0;
			this.suppressedUsers = 0;
			trackedUsers.addAndGet(-this.unlisted.size());
			this.unlisted.clear();
			return report;
		}

		synchronized long forget(AtomicInteger trackedUsers) {
			trackedUsers.addAndGet(-(this.listed.size() + this.unlisted.size()));
			this.listed.clear();
			this.unlisted.clear();
			return this.suppressed;
		}

	}

}
