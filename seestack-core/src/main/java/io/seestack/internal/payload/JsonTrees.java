package io.seestack.internal.payload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TreeNode;
import tools.jackson.core.json.JsonFactory;

/**
 * Jackson trees (a {@code JsonNode} of Jackson 3 or of Jackson 2) passed as metadata. A tree is iterable over its
 * values, so without this it would be copied as a list of them: an object's names lost and its secrets unmasked.
 * Instead it is read back from its own JSON text, which both Jackson lines write, into plain maps and lists that
 * {@link Sanitizer} then copies like any other.
 */
final class JsonTrees {

	private static final String JACKSON_2_TREE = "com.fasterxml.jackson.core.TreeNode";

	private static final ClassValue<Boolean> IS_JACKSON_2_TREE = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			for (Class<?> current = type; current != null; current = current.getSuperclass()) {
				if (implementsJackson2Tree(current.getInterfaces())) {
					return true;
				}
			}
			return false;
		}
	};

	private static final JsonFactory FACTORY = JsonFactory.builder().build();

	private JsonTrees() {
	}

	static boolean isTree(Object value) {
		return value instanceof TreeNode || IS_JACKSON_2_TREE.get(value.getClass());
	}

	/** The tree as plain values; integers as {@code Integer} or {@code Long}, decimals as {@code Double}. */
	static @Nullable Object read(Object tree) {
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), tree.toString())) {
			parser.nextToken();
			return value(parser);
		}
	}

	private static @Nullable Object value(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT) {
			Map<String, @Nullable Object> object = new LinkedHashMap<>();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				object.put(name, value(parser));
			}
			return object;
		}
		if (token == JsonToken.START_ARRAY) {
			List<@Nullable Object> array = new ArrayList<>();
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				array.add(value(parser));
			}
			return array;
		}
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return (parser.getNumberType() == JsonParser.NumberType.INT) ? parser.getIntValue()
					: (parser.getNumberType() == JsonParser.NumberType.LONG) ? parser.getLongValue() : parser.getText();
		}
		if (token == JsonToken.VALUE_NUMBER_FLOAT) {
			return parser.getDoubleValue();
		}
		if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
			return parser.getBooleanValue();
		}
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		return parser.getText();
	}

	private static boolean implementsJackson2Tree(Class<?>[] interfaces) {
		for (Class<?> type : interfaces) {
			if (type.getName().equals(JACKSON_2_TREE) || implementsJackson2Tree(type.getInterfaces())) {
				return true;
			}
		}
		return false;
	}

}
