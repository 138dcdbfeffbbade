package io.seestack.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdTests {

	@Test
	void generatedTraceIdsAreAlwaysThirtyTwoHexDigitsAndNeverZero() {
		for (int i = 0; i < 20_000; i++) {
			String traceId = DefaultSeeStackClient.newTraceId();

			assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
		}
	}

}
