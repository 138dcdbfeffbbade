package io.seestack.internal.payload;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.seestack.User;
import org.jspecify.annotations.Nullable;

/**
 * Turns whatever the application passes as metadata into plain JSON values that can never break serialisation:
 * secrets masked, strings cleaned and truncated, cycles and failing values replaced by markers. Maps, collections,
 * arrays and records are copied (bounded in depth, entries and values); any other object becomes its
 * {@code toString()}.
 */
public final class Sanitizer {

	public static final String MASKED = "[MASKED]";

	static final int MAX_STRING = 8_192;

	static final int MAX_ENTRIES = 100;

	static final int MAX_DEPTH = 8;

	/** Values one copy holds at most, counting those of a shared container at each place it is met. */
	static final int MAX_VALUES = 1_000;

	/** Characters of text in all, per copy: 64 K, so one event's metadata holds at most ~128 KB until it is sent. */
	static final int MAX_CHARS = 65_536;

	private static final String TRUNCATED_VALUE = "[truncated]";

	private static final String TRUNCATED = "…[truncated]";

	private static final List<String> SECRET_KEY_PARTS = List.of("password", "passwd", "secret", "token", "key",
			"authorization", "cookie", "credential");

	private Sanitizer() {
	}

	/** Whether a metadata key names a secret, so its value must be masked. */
	public static boolean isSecretKey(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		for (String part : SECRET_KEY_PARTS) {
			if (lower.contains(part)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A JSON-safe copy of a metadata map, secrets masked, made on the caller's thread so that nothing of the
	 * application is read after the capture call returns. Never throws.
	 */
	public static Map<String, Object> copy(@Nullable Map<String, ?> metadata) {
		if (metadata == null || metadata.isEmpty()) {
			return new LinkedHashMap<>();
		}
		try {
			Object copied = new Copy().value(metadata, 0);
			@SuppressWarnings("unchecked")
			Map<String, Object> map = (copied instanceof Map) ? (Map<String, Object>) copied : new LinkedHashMap<>();
			return map;
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			Map<String, Object> failed = new LinkedHashMap<>();
			failed.put("seestack.metadataError", "metadata could not be read: " + ex.getClass().getName());
			return failed;
		}
	}

	/** The user with its custom data copied like metadata (the rest of a user is immutable text already). */
	public static @Nullable User copyOf(@Nullable User user) {
		if (user == null || user.data().isEmpty()) {
			return user;
		}
		User.Builder copy = user.toBuilder();
		copy(user.data()).forEach(copy::data);
		return copy.build();
	}

	/**
	 * About how many bytes of heap a copy made by {@link #copy(Map)} holds: its strings, numbers and containers.
	 * Bounded, as the copy is: at most {@link #MAX_VALUES} values of at most {@link #MAX_CHARS} characters in all.
	 */
	public static long weightOf(@Nullable Object value) {
		if (value instanceof String text) {
			return 40 + 2L * text.length();
		}
		if (value instanceof Map<?, ?> map) {
			long weight = 64;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				weight += 32 + weightOf(entry.getKey()) + weightOf(entry.getValue());
			}
			return weight;
		}
		if (value instanceof Iterable<?> values) {
			long weight = 48;
			for (Object element : values) {
				weight += 8 + weightOf(element);
			}
			return weight;
		}
		return 16;
	}

	/**
	 * A string safe for any JSON consumer: NUL and unpaired surrogates replaced, cut to {@code max} characters with
	 * a marker.
	 */
	public static String text(String value, int max) {
		String cleaned = value;
		for (int i = 0; i < cleaned.length(); i++) {
			char c = cleaned.charAt(i);
			if (c == 0 || Character.isSurrogate(c)) {
				cleaned = replaceInvalid(cleaned);
				break;
			}
		}
		if (cleaned.length() <= max) {
			return cleaned;
		}
		int end = max - TRUNCATED.length();
		if (end > 0 && Character.isHighSurrogate(cleaned.charAt(end - 1))) {
			end--;
		}
		return cleaned.substring(0, Math.max(end, 0)) + TRUNCATED;
	}

	private static String replaceInvalid(String value) {
		StringBuilder builder = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0) {
				builder.append('\uFFFD');
			}
			else if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				builder.append(c).append(value.charAt(++i));
			}
			else if (Character.isSurrogate(c)) {
				builder.append('\uFFFD');
			}
			else {
				builder.append(c);
			}
		}
		return builder.toString();
	}

	/**
	 * One copy. A container met again (a map shared at several places of one value graph) is not copied again: its
	 * copy is reused, and what it adds is charged to the budget each time, so the payload stays bounded too.
	 */
	private static final class Copy {

		// Small: most metadata is one flat map, and these are made for every capture.
		private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>(4));

		private final Map<Object, Copied> copied = new IdentityHashMap<>(4);

		private int budget = MAX_VALUES;

		/** Characters of text the copy may still hold: what one event keeps in memory until it is sent. */
		private int chars = MAX_CHARS;

		private String charged(String text) {
			this.chars -= text.length();
			return (this.chars >= 0) ? text : TRUNCATED_VALUE;
		}

		@Nullable Object value(@Nullable Object value, int depth) {
			if (this.budget-- <= 0) {
				return TRUNCATED_VALUE;
			}
			if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
					|| value instanceof Short || value instanceof Byte) {
				return value;
			}
			if (value instanceof Double || value instanceof Float) {
				double number = ((Number) value).doubleValue();
				return (Double.isFinite(number)) ? value : String.valueOf(number);
			}
			if (value instanceof String text) {
				return charged(text(text, MAX_STRING));
			}
			if (value instanceof Enum<?> constant) {
				return constant.name();
			}
			if (value instanceof CharSequence || value instanceof Number || value instanceof Character
					|| value instanceof TemporalAccessor || value instanceof UUID || value instanceof URI
					|| value instanceof Class<?>) {
				return charged(text(safeToString(value), MAX_STRING));
			}
			if (value instanceof Optional<?> optional) {
				return value(optional.orElse(null), depth);
			}
			if (value instanceof Throwable error) {
				return charged(text(error.getClass().getName() + ": " + PayloadFactory.messageOf(error), MAX_STRING));
			}
			if (depth >= MAX_DEPTH) {
				return "[depth limit]";
			}
			Copied done = this.copied.get(value);
			if (done != null) {
				this.budget -= done.values;
				return (this.budget >= 0) ? done.value : TRUNCATED_VALUE;
			}
			if (!this.path.add(value)) {
				return "[cyclic]";
			}
			int before = this.budget;
			try {
				@Nullable Object result = container(value, depth);
				this.copied.put(value, new Copied(result, before - this.budget));
				return result;
			}
			catch (RuntimeException | LinkageError ex) {
				return unserialisable(value);
			}
			finally {
				this.path.remove(value);
			}
		}

		private @Nullable Object container(Object value, int depth) {
			if (JsonTrees.isTree(value)) {
				// Before Iterable, which a tree is too: copied from its JSON, with its names and secrets masked.
				return value(JsonTrees.read(value), depth);
			}
			if (value instanceof Map<?, ?> map) {
				return map(map, depth);
			}
			if (value instanceof Iterable<?> iterable) {
				return list(iterable, depth);
			}
			if (value.getClass().isArray()) {
				return array(value, depth);
			}
			if (value instanceof Record record) {
				return record(record, depth);
			}
			// Any other object is rendered by its toString(), never by its getters: a JPA entity's getters may
			// load lazy associations (a query on the failing request's thread) or throw outside their session.
			return text(safeToString(value), MAX_STRING);
		}

		private Map<String, Object> map(Map<?, ?> map, int depth) {
			Map<String, Object> result = new LinkedHashMap<>();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (result.size() >= MAX_ENTRIES) {
					result.put("[truncated]", (map.size() - MAX_ENTRIES) + " more entries");
					break;
				}
				String key = text(String.valueOf(entry.getKey()), 256);
				Object sanitized = isSecretKey(key) ? MASKED : value(entry.getValue(), depth + 1);
				if (sanitized != null) {
					result.put(key, sanitized);
				}
			}
			return result;
		}

		private List<@Nullable Object> list(Iterable<?> iterable, int depth) {
			List<@Nullable Object> result = new ArrayList<>();
			for (Object item : iterable) {
				if (result.size() >= MAX_ENTRIES) {
					result.add("[truncated]");
					break;
				}
				result.add(value(item, depth + 1));
			}
			return result;
		}

		private List<@Nullable Object> array(Object array, int depth) {
			int length = Array.getLength(array);
			List<@Nullable Object> result = new ArrayList<>();
			for (int i = 0; i < Math.min(length, MAX_ENTRIES); i++) {
				result.add(value(Array.get(array, i), depth + 1));
			}
			if (length > MAX_ENTRIES) {
				result.add("[truncated]");
			}
			return result;
		}

		private Map<String, Object> record(Record record, int depth) {
			Map<String, Object> result = new LinkedHashMap<>();
			for (RecordComponent component : record.getClass().getRecordComponents()) {
				String key = component.getName();
				Object sanitized;
				try {
					sanitized = isSecretKey(key) ? MASKED : value(component.getAccessor().invoke(record), depth + 1);
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					sanitized = unserialisable(record);
				}
				if (sanitized != null) {
					result.put(key, sanitized);
				}
			}
			return result;
		}

	}

	private record Copied(@Nullable Object value, int values) {
	}

	private static String unserialisable(Object value) {
		return "[unserializable: " + value.getClass().getName() + "]";
	}

	private static String safeToString(Object value) {
		try {
			return String.valueOf(value);
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			return unserialisable(value);
		}
	}

}
