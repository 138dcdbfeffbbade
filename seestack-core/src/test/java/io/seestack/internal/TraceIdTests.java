package io.seestack.internal;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdTests {

	@RepeatedTest(2_000)
	void generatedTraceIdsAreAlwaysThirtyTwoHexDigitsAndNeverZero() {
		String traceId = DefaultSeeStackClient.newTraceId();

		assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
	}

}
