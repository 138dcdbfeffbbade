package io.seestack.internal.payload;

import java.lang.reflect.Array;
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

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns whatever the application passes as metadata into plain JSON values that can never break serialisation:
 * secrets masked, strings cleaned and truncated, cycles and failing values replaced by markers.
 */
public final class Sanitizer {

	public static final String MASKED = "[MASKED]";

	static final int MAX_STRING = 8_192;

	static final int MAX_ENTRIES = 100;

	static final int MAX_DEPTH = 8;

	private static final String TRUNCATED = "…[truncated]";

	private static final List<String> SECRET_KEY_PARTS = List.of("password", "passwd", "secret", "token", "key",
			"authorization", "cookie", "credential");

	private final JsonCodec json;

	public Sanitizer(JsonCodec json) {
		this.json = json;
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

	/** A JSON-safe copy of a metadata map, secrets masked. */
	public Map<String, Object> metadata(Map<String, ?> metadata) {
		Object sanitized = value(metadata, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
		@SuppressWarnings("unchecked")
		Map<String, Object> map = (sanitized instanceof Map) ? (Map<String, Object>) sanitized : new LinkedHashMap<>();
		return map;
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

	private @Nullable Object value(@Nullable Object value, int depth, Set<Object> path) {
		if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
				|| value instanceof Short || value instanceof Byte) {
			return value;
		}
		if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			return (Double.isFinite(number)) ? value : String.valueOf(number);
		}
		if (value instanceof CharSequence || value instanceof Number || value instanceof Character
				|| value instanceof Enum<?> || value instanceof TemporalAccessor || value instanceof java.util.UUID
				|| value instanceof java.net.URI || value instanceof Class<?>) {
			return text(safeToString(value), MAX_STRING);
		}
		if (value instanceof Optional<?> optional) {
			return value(optional.orElse(null), depth, path);
		}
		if (value instanceof Throwable error) {
			return text(error.getClass().getName() + ": " + PayloadFactory.messageOf(error), MAX_STRING);
		}
		if (depth >= MAX_DEPTH) {
			return "[depth limit]";
		}
		if (!path.add(value)) {
			return "[cyclic]";
		}
		try {
			if (value instanceof Map<?, ?> map) {
				return map(map, depth, path);
			}
			if (value instanceof Iterable<?> iterable) {
				return list(iterable, depth, path);
			}
			if (value.getClass().isArray()) {
				return array(value, depth, path);
			}
			return bean(value);
		}
		catch (RuntimeException ex) {
			return unserialisable(value);
		}
		finally {
			path.remove(value);
		}
	}

	private Map<String, Object> map(Map<?, ?> map, int depth, Set<Object> path) {
		Map<String, Object> result = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (result.size() >= MAX_ENTRIES) {
				result.put("[truncated]", (map.size() - MAX_ENTRIES) + " more entries");
				break;
			}
			String key = text(String.valueOf(entry.getKey()), 256);
			Object sanitized = isSecretKey(key) ? MASKED : value(entry.getValue(), depth + 1, path);
			if (sanitized != null) {
				result.put(key, sanitized);
			}
		}
		return result;
	}

	private List<@Nullable Object> list(Iterable<?> iterable, int depth, Set<Object> path) {
		List<@Nullable Object> result = new ArrayList<>();
		for (Object item : iterable) {
			if (result.size() >= MAX_ENTRIES) {
				result.add("[truncated]");
				break;
			}
			result.add(value(item, depth + 1, path));
		}
		return result;
	}

	private List<@Nullable Object> array(Object array, int depth, Set<Object> path) {
		int length = Array.getLength(array);
		List<@Nullable Object> result = new ArrayList<>();
		for (int i = 0; i < Math.min(length, MAX_ENTRIES); i++) {
			result.add(value(Array.get(array, i), depth + 1, path));
		}
		if (length > MAX_ENTRIES) {
			result.add("[truncated]");
		}
		return result;
	}

	/** Any other object: through Jackson, bounded in depth and size; a marker when that fails. */
	private Object bean(Object value) {
		try {
			JsonNode tree = this.json.toTree(value);
			return (tree == null) ? unserialisable(value) : maskTree(tree);
		}
		catch (RuntimeException | StackOverflowError ex) {
			return unserialisable(value);
		}
	}

	private Object maskTree(JsonNode tree) {
		if (tree.isObject()) {
			Map<String, Object> result = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : tree.properties()) {
				result.put(entry.getKey(), isSecretKey(entry.getKey()) ? MASKED : maskTree(entry.getValue()));
			}
			return result;
		}
		if (tree.isArray()) {
			List<Object> result = new ArrayList<>();
			tree.forEach((item) -> result.add(maskTree(item)));
			return result;
		}
		if (tree.isString()) {
			return text(tree.asString(), MAX_STRING);
		}
		return tree;
	}

	private static String unserialisable(Object value) {
		return "[unserializable: " + value.getClass().getName() + "]";
	}

	private static String safeToString(Object value) {
		try {
			return String.valueOf(value);
		}
		catch (RuntimeException ex) {
			return unserialisable(value);
		}
	}

}
