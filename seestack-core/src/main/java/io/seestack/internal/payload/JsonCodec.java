package io.seestack.internal.payload;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Jackson, configured so that an application object can never take the SDK down. */
public final class JsonCodec {

	/** Bytes one application object may take in metadata before it is replaced by a marker. */
	static final int MAX_BEAN_BYTES = 16_384;

	private final JsonMapper mapper = JsonMapper
		.builder(JsonFactory.builder()
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(32).build())
			.build())
		.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.build();

	/** Serialises a payload made of maps, lists, strings, numbers and booleans. */
	public byte[] write(Object payload) {
		return this.mapper.writeValueAsBytes(payload);
	}

	/**
	 * Writes a payload with Jackson's streaming API, for bodies too frequent to build as maps first.
	 * @param expectedBytes about how large the body will be
	 */
	public byte[] write(Consumer<JsonGenerator> payload, int expectedBytes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(256, expectedBytes));
		try (JsonGenerator generator = this.mapper.createGenerator(bytes)) {
			payload.accept(generator);
		}
		return bytes.toByteArray();
	}

	/** An application object as a JSON tree, or {@code null} when it is too large. */
	JsonNode toTree(Object value) {
		byte[] bytes = this.mapper.writeValueAsBytes(value);
		return (bytes.length > MAX_BEAN_BYTES) ? null : this.mapper.readTree(bytes);
	}

}
