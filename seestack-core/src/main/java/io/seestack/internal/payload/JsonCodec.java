package io.seestack.internal.payload;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes payloads with Jackson's streaming API only (jackson-core, which depends on nothing): no data binding, so
 * the SDK does not care which Jackson, 2 or 3, or which {@code jackson-annotations} the application has, and an
 * application object can never reach a serializer. Payloads are plain values: maps, lists, strings, numbers,
 * booleans and nulls, as {@link PayloadFactory} and {@link Sanitizer} make them.
 */
public final class JsonCodec {

	private static final int DEFAULT_EXPECTED_BYTES = 512;

	private final JsonFactory factory = JsonFactory.builder()
		.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(32).build())
		.build();

	/** Serialises a payload made of maps, lists, strings, numbers, booleans and nulls. */
	public byte[] write(Object payload) {
		return write((generator) -> writeValue(generator, payload), DEFAULT_EXPECTED_BYTES);
	}

	/**
	 * Writes a payload straight to the generator, for bodies too frequent to build as maps first.
	 * @param expectedBytes about how large the body will be
	 */
	public byte[] write(Consumer<JsonGenerator> payload, int expectedBytes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(256, expectedBytes));
		try (JsonGenerator generator = this.factory.createGenerator(ObjectWriteContext.empty(), bytes)) {
			payload.accept(generator);
		}
		return bytes.toByteArray();
	}

	/** Writes a plain value as data binding would: numbers by their own type, anything unexpected as its text. */
	static void writeValue(JsonGenerator generator, @Nullable Object value) {
		if (value == null) {
			generator.writeNull();
		}
		else if (value instanceof String text) {
			generator.writeString(text);
		}
		else if (value instanceof Map<?, ?> map) {
			generator.writeStartObject();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				generator.writeName(String.valueOf(entry.getKey()));
				writeValue(generator, entry.getValue());
			}
			generator.writeEndObject();
		}
		else if (value instanceof Iterable<?> items) {
			generator.writeStartArray();
			for (Object item : items) {
				writeValue(generator, item);
			}
			generator.writeEndArray();
		}
		else if (value instanceof Boolean flag) {
			generator.writeBoolean(flag);
		}
		else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
			generator.writeNumber(((Number) value).intValue());
		}
		else if (value instanceof Long number) {
			generator.writeNumber(number);
		}
		else if (value instanceof Double number) {
			generator.writeNumber(number);
		}
		else if (value instanceof Float number) {
			generator.writeNumber(number);
		}
		else if (value instanceof BigDecimal number) {
			generator.writeNumber(number);
		}
		else if (value instanceof BigInteger number) {
			generator.writeNumber(number);
		}
		else {
			generator.writeString(String.valueOf(value));
		}
	}

}
