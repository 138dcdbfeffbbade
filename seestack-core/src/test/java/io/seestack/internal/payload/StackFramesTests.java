package io.seestack.internal.payload;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackFramesTests {

	private final StackFrames frames = new StackFrames();

	@Test
	void formatsAFrameAsTheIngestApiTakesIt() {
		StackTraceElement frame = new StackTraceElement("com.example.Orders", "place", "Orders.java", 42);

		assertThat(this.frames.format(frame).getValue()).isEqualTo("at com.example.Orders.place(Orders.java:42)");
		assertThat(this.frames.format(frame))
			.isSameAs(this.frames.format(new StackTraceElement("com.example.Orders", "place", "Orders.java", 42)));
	}

	@Test
	void sanitisesAndTruncatesLikeAnyOtherText() {
		StackTraceElement hostile = new StackTraceElement("com.example.X" + "y".repeat(2_000), "m\u0000", null, -1);

		String line = this.frames.format(hostile).getValue();

		assertThat(line).hasSizeLessThanOrEqualTo(StackFrames.MAX_FRAME_LENGTH).doesNotContain("\u0000");
	}

	@Test
	void staysBoundedWhateverTheNumberOfDistinctFrames() {
		for (int line = 0; line < StackFrames.CAPACITY * 3; line++) {
			this.frames.format(new StackTraceElement("com.example.Generated", "run", "Generated.java", line));
		}

		assertThat(this.frames.size()).isLessThanOrEqualTo(StackFrames.CAPACITY);
	}

}
