package io.seestack.spring.autoconfigure.web;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TraceParent}.
 */
class TraceParentTests {

	@Test
	void takesTheTraceIdOfAValidHeader() {
		assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
			.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future"))
			.as("a later version may append fields").isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void refusesInvalidHeaders() {
		assertThat(TraceParent.parse(null)).isNull();
		assertThat(TraceParent.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).as("upper case")
			.isNull();
		assertThat(TraceParent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).as("zero trace")
			.isNull();
		assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).as("zero parent")
			.isNull();
		assertThat(TraceParent.parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).as("version ff")
			.isNull();
		assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x")).as("00 too long")
			.isNull();
		assertThat(TraceParent.parse("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01")).isNull();
	}

	@Test
	void generatesDistinctLowercaseHexTraceIds() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String id = TraceParent.traceId(null);
			assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
			ids.add(id);
		}
		assertThat(ids).hasSize(1000);
	}

}
