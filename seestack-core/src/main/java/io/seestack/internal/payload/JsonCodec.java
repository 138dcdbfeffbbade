package io.seestack.internal.payload;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes payloads with Jackson's streaming API only (jackson-core, which depends on nothing): no data binding, so
 * the SDK does not care which Jackson, 2 or 3, or which {@code jackson-annotations} the application has, and an
 * application object can never reach a serializer. Payloads are plain values: maps, lists, strings, numbers,
 * booleans and nulls, as {@link PayloadFactory} and {@link Sanitizer} make them, and strings already encoded
 * ({@link SerializableString}).
 */
public final class JsonCodec {

	/** A body's buffer that outgrew this is not kept for the next body: one huge body must not stay in memory. */
	private static final int MAX_KEPT_BUFFER = 64 * 1024;

	/**
	 * A buffer written again for every body, so that a body costs one allocation of its own size: bodies are made
	 * on the delivery thread, one at a time. Taken while in use, so that another thread (one closing the client)
	 * makes its own; not a thread local, which would stay on an application's threads.
	 */
	private final AtomicReference<@Nullable ReusableBuffer> spare = new AtomicReference<>(new ReusableBuffer());

	private final JsonFactory factory = JsonFactory.builder()
		.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(32).build())
		.build();

	/** Serialises a payload made of maps, lists, strings, numbers, booleans and nulls. */
	public byte[] write(Object payload) {
		return write((generator) -> writeValue(generator, payload));
	}

	/** Writes a payload straight to the generator, for bodies too frequent to build as maps first. */
	public byte[] write(Consumer<JsonGenerator> payload) {
		ReusableBuffer taken = this.spare.getAndSet(null);
		ReusableBuffer bytes = (taken != null) ? taken : new ReusableBuffer();
		bytes.reset();
		try {
			try (JsonGenerator generator = this.factory.createGenerator(ObjectWriteContext.empty(), bytes)) {
				payload.accept(generator);
			}
			return bytes.toByteArray();
		}
		finally {
			if (bytes.capacity() <= MAX_KEPT_BUFFER) {
				this.spare.set(bytes);
			}
		}
	}

	/** Writes a plain value as data binding would: numbers by their own type, anything unexpected as its text. */
	static void writeValue(JsonGenerator generator, @Nullable Object value) {
		if (value == null) {
			generator.writeNull();
		}
		else if (value instanceof String text) {
			generator.writeString(text);
		}
		else if (value instanceof SerializableString encoded) {
			generator.writeString(encoded);
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

	/** A {@link ByteArrayOutputStream} that tells how large it has grown. */
	private static final class ReusableBuffer extends ByteArrayOutputStream {

		ReusableBuffer() {
			super(16 * 1024);
		}

		int capacity() {
			return this.buf.length;
		}

	}

}
