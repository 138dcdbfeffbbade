package io.seestack.internal.payload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.seestack.SeeStackOptions;
import io.seestack.User;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;

/**
 * Maps captured events onto the ingest API's bodies. Whatever an event holds, the body it produces is valid for the
 * API: required strings are never empty, paths carry no query, long fields are truncated with a marker, the user's
 * token is never written.
 */
public final class PayloadFactory {

	/** The error metadata key for the user's username and custom data. */
	public static final String USER_METADATA_KEY = "seestack.user";

	/** The error metadata key for how many identical errors the rate limit held back before this one. */
	public static final String SUPPRESSED_METADATA_KEY = "seestack.suppressed";

	/** The error metadata key for how many users, not named on any sent error of the kind, the held-back had. */
	public static final String SUPPRESSED_USERS_METADATA_KEY = "seestack.suppressedUsers";

	/** The error metadata key for errors held back of kinds the limiter had to forget before they reported. */
	public static final String SUPPRESSED_OTHER_KINDS_METADATA_KEY = "seestack.suppressedOfOtherKinds";

	/** The error and log metadata key of the scope's tags. */
	public static final String TAGS_METADATA_KEY = "tags";

	static final String NO_MESSAGE = "(no message)";

	static final int MAX_MESSAGE = 8_192;

	static final int MAX_LOG_MESSAGE = 32_768;

	static final int MAX_FRAMES = 256;

	static final int MAX_CAUSES = 16;

	private final SeeStackOptions options;

	private final JsonCodec json;

	private final StackFrames stackFrames = new StackFrames();

	public PayloadFactory(SeeStackOptions options, JsonCodec json) {
		this.options = options;
		this.json = json;
	}

	/**
	 * A text cut at capture to one character more than the payload sends, so that an event held in memory until it
	 * is sent never keeps more than it could send, and the payload still sees that it was longer and marks the cut.
	 */
	public static String keptAtCapture(String text, int max) {
		return (text.length() > max + 1) ? text.substring(0, max + 1) : text;
	}

	/** The throwable's message; never throws, even when {@code getMessage()} does or recurses without end. */
	public static String messageOf(Throwable error) {
		try {
			String message = error.getMessage();
			return (message != null) ? message : "";
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return "[getMessage() threw " + ex.getClass().getName() + "]";
		}
	}

	/** The error's body, as sent. */
	public byte[] errorBody(CapturedError event) {
		return this.json.write(error(event));
	}

	/**
	 * The error's body as plain values, but for its stack frames, which are {@link SerializableString}s: JSON
	 * strings already encoded.
	 */
	public Map<String, Object> error(CapturedError event) {
		ThrowableCopy error = event.error();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("exceptionClass", Sanitizer.text(error.className(), 256));
		body.put("message", required(error.message(), MAX_MESSAGE));
		body.put("stackTrace", stackTrace(error));
		body.put("level", event.level().wireName());
		putIfPresent(body, "environment", this.options.environment());
		putIfPresent(body, "release", this.options.release());
		User user = event.user();
		Map<String, Object> wireUser = new LinkedHashMap<>();
		if (user != null) {
			putIfPresent(wireUser, "id", user.id());
			putIfPresent(wireUser, "email", user.email());
		}
		putIfPresent(wireUser, "ip", ipOf(user, event.ip()));
		if (!wireUser.isEmpty()) {
			body.put("user", wireUser);
		}
		Map<String, Object> metadata = new LinkedHashMap<>(event.metadata());
		if (user != null && (user.username() != null || !user.data().isEmpty())) {
			Map<String, Object> userDetails = new LinkedHashMap<>();
			putIfPresent(userDetails, "username", user.username());
			user.data().forEach((key, value) -> {
				if (value != null) {
					userDetails.put(key, value);
				}
			});
			metadata.put(USER_METADATA_KEY, userDetails);
		}
		putTags(metadata, event.tags());
		putIfPresent(metadata, "sessionId", event.sessionId());
		putIfPresent(metadata, "traceId", event.traceId());
		putIfPresent(metadata, "service", this.options.serviceName());
		metadata.put("timestamp", millis(event.timestamp()));
		Suppressed suppressed = event.suppressed();
		if (suppressed.errors() > 0) {
			metadata.put(SUPPRESSED_METADATA_KEY, suppressed.errors());
		}
		if (suppressed.users() > 0) {
			metadata.put(SUPPRESSED_USERS_METADATA_KEY, suppressed.users());
		}
		if (suppressed.ofOtherKinds() > 0) {
			metadata.put(SUPPRESSED_OTHER_KINDS_METADATA_KEY, suppressed.ofOtherKinds());
		}
		body.put("metadata", metadata);
		return body;
	}

	public Map<String, Object> log(CapturedLog event) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("level", event.level().wireName());
		body.put("message", required((event.message() != null) ? event.message() : "", MAX_LOG_MESSAGE));
		putIfPresent(body, "service", this.options.serviceName());
		putIfPresent(body, "traceId", event.traceId());
		Map<String, Object> metadata = new LinkedHashMap<>(event.metadata());
		User user = event.user();
		if (user != null) {
			putIfPresent(metadata, "userId", user.id());
			putIfPresent(metadata, "userEmail", user.email());
			putIfPresent(metadata, "username", user.username());
		}
		putIfPresent(metadata, "userIp", ipOf(user, event.ip()));
		putTags(metadata, event.tags());
		putIfPresent(metadata, "environment", this.options.environment());
		putIfPresent(metadata, "release", this.options.release());
		metadata.put("timestamp", millis(event.timestamp()));
		body.put("metadata", metadata);
		return body;
	}

	/** One batch body for up to 100 HTTP request items. */
	public byte[] httpRequests(List<CapturedHttpRequest> items) {
		String projectId = String.valueOf(this.options.projectId());
		return this.json.write((generator) -> HttpRequestBatchWriter.write(generator, projectId, items));
	}

	public Map<String, Object> heartbeat(CapturedHeartbeat event) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("slug", event.slug());
		body.put("status", event.status().wireName());
		body.put("durationMs", Math.max(0, event.durationMs()));
		if (event.message() != null) {
			body.put("message", Sanitizer.text(event.message(), MAX_MESSAGE));
		}
		return body;
	}

	private List<Object> stackTrace(ThrowableCopy error) {
		List<Object> frames = new ArrayList<>();
		int budget = MAX_FRAMES;
		for (ThrowableCopy current = error; current != null; current = current.cause()) {
			if (current != error) {
				frames.add(Sanitizer.text("Caused by: " + current.className() + ": " + current.message(), 1_024));
			}
			for (StackTraceElement frame : current.frames().get()) {
				if (budget-- <= 0) {
					frames.add("... frames truncated");
					return frames;
				}
				frames.add(this.stackFrames.format(frame));
			}
		}
		return frames;
	}

	/** An IP set on the user wins over the unit of work's. */
	private static @Nullable String ipOf(@Nullable User user, @Nullable String scopeIp) {
		return (user != null && user.ip() != null) ? user.ip() : scopeIp;
	}

	private static void putTags(Map<String, Object> metadata, Map<String, String> tags) {
		if (!tags.isEmpty() && !metadata.containsKey(TAGS_METADATA_KEY)) {
			Map<String, Object> sanitized = new LinkedHashMap<>();
			tags.forEach((key, value) -> sanitized.put(Sanitizer.text(key, 256),
					Sanitizer.isSecretKey(key) ? Sanitizer.MASKED : Sanitizer.text(value, 1_024)));
			metadata.put(TAGS_METADATA_KEY, sanitized);
		}
	}

	static String required(String value, int max) {
		String text = Sanitizer.text(value, max);
		return text.isBlank() ? NO_MESSAGE : text;
	}

	private static String millis(Instant instant) {
		return Timestamps.millis(instant);
	}

	private static void putIfPresent(Map<String, Object> map, String key, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			map.put(key, Sanitizer.text(value, 1_024));
		}
	}

}
