package io.seestack.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** JSON text as maps, lists and scalars, read with Jackson 3's streaming parser (the one the SDK brings). */
final class JsonText {

	private static final JsonFactory FACTORY = JsonFactory.builder().build();

	private JsonText() {
	}

	static Object parse(String json) {
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
			parser.nextToken();
			return value(parser);
		}
	}

	/** The text at the path of names, or {@code null} when absent or null. */
	static String text(Object node, String... names) {
		Object current = node;
		for (String name : names) {
			if (!(current instanceof Map<?, ?> map) || !map.containsKey(name)) {
				return null;
			}
			current = map.get(name);
		}
		return (current != null) ? String.valueOf(current) : null;
	}

	private static Object value(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT) {
			Map<String, Object> object = new LinkedHashMap<>();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				object.put(name, value(parser));
			}
			return object;
		}
		if (token == JsonToken.START_ARRAY) {
			List<Object> array = new ArrayList<>();
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				array.add(value(parser));
			}
			return array;
		}
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		return (token.isNumeric()) ? parser.getNumberValue() : parser.getText();
	}

}
