package io.seestack.internal.payload;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.seestack.Level;
import io.seestack.SeeStackOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one captured event keeps in memory until it is sent is bounded at capture, whatever the application hands
 * in: messages are cut to what the payload sends, and metadata to 64 K characters of text in all.
 */
class CaptureBoundsTests {

	private static final String MEGABYTE = "x".repeat(1 << 20);

	@Test
	void anErrorKeepsNoMoreOfAHugeMessageThanItSends() {
		ThrowableCopy copy = ThrowableCopy.of(new IllegalStateException(MEGABYTE, new RuntimeException(MEGABYTE)));

		assertThat(copy.message()).hasSize(PayloadFactory.MAX_MESSAGE + 1);
		assertThat(copy.cause().message()).hasSize(PayloadFactory.MAX_MESSAGE + 1);
		Object sent = new PayloadFactory(SeeStackOptions.builder().apiKey("k").build(), new JsonCodec())
			.error(new CapturedError(copy, Level.ERROR, null, null, Map.of(), null, null, Map.of(), Instant.now(),
					Suppressed.NONE))
			.get("message");
		assertThat((String) sent).hasSize(PayloadFactory.MAX_MESSAGE).endsWith("[truncated]");
	}

	@Test
	void aLogKeepsNoMoreOfAHugeMessageThanItSends() {
		CapturedLog log = new CapturedLog(Level.WARN, MEGABYTE, Map.of(), null, null, null, Map.of(), Instant.now());

		assertThat(log.message()).hasSize(PayloadFactory.MAX_LOG_MESSAGE + 1);
	}

	@Test
	void metadataKeepsAtMostSixtyFourThousandCharactersOfText() {
		Map<String, Object> huge = new LinkedHashMap<>();
		for (int i = 0; i < 100; i++) {
			huge.put("field" + i, MEGABYTE);
		}

		Map<String, Object> copy = Sanitizer.copy(huge);

		int chars = copy.values().stream().mapToInt((value) -> ((String) value).length()).sum();
		assertThat(chars).isLessThanOrEqualTo(Sanitizer.MAX_CHARS + 100 * "[truncated]".length());
		assertThat(copy).hasSize(100).containsEntry("field99", "[truncated]");
	}

}
