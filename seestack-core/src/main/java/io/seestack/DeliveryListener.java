package io.seestack;

/**
 * Observes what the SDK delivers, for metrics and health. Called from the SDK's own threads; implementations must
 * be fast and must not throw (an exception is logged and ignored).
 */
public interface DeliveryListener {

	/** Why events were dropped instead of delivered. */
	enum DropReason {

		/** The feature's buffer was full; the oldest event made room. */
		BUFFER_FULL,
		/** The backend refused the event (400, 403, 404, 422) or retries ran out. */
		REJECTED,
		/** Retries were exhausted on 5xx, 429, timeouts or network errors. */
		RETRIES_EXHAUSTED,
		/** The SDK was disabled (401) or shut down before the event could be sent. */
		DISABLED,
		/** The event could not be turned into a valid payload. */
		INVALID,
		/**
		 * More identical errors were captured in a second than {@code identicalErrorsPerSecond} lets through; the
		 * next one sent carries their number.
		 */
		RATE_LIMITED,
		/**
		 * The spool reached its size limit and let go of its oldest file: logs and HTTP items first, errors and
		 * heartbeats only when nothing else is left.
		 */
		SPOOL_FULL,
		/** The event waited in the spool longer than its age limit. */
		EXPIRED

	}

	/** A no-op listener. */
	DeliveryListener NOOP = new DeliveryListener() {
	};

	/** {@code count} events of {@code feature} were accepted by the backend. */
	default void sent(Feature feature, int count) {
	}

	/** {@code count} events of {@code feature} were dropped. */
	default void dropped(Feature feature, DropReason reason, int count) {
	}

	/** A request for {@code feature} failed and will be retried. */
	default void retried(Feature feature) {
	}

	/** The SDK disabled itself for the rest of the process, for the given reason. */
	default void disabled(String reason) {
	}

}
