package io.seestack.spring.autoconfigure.web;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CountingResponseWrapper}.
 */
class CountingResponseWrapperTests {

	@Test
	void countsTheBytesWrittenToTheStreamAndPassesThemOnUnchanged() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ResponseSize size = new ResponseSize();
		var wrapped = size.wrap(response);
		wrapped.getOutputStream().write(new byte[] { 1, 2, 3 });
		wrapped.getOutputStream().write(4);
		wrapped.getOutputStream().print("ab");
		assertThat(size.get()).isEqualTo(6);
		assertThat(response.getContentAsByteArray()).containsExactly(1, 2, 3, 4, 'a', 'b');
	}

	@Test
	void countsTheEncodedBytesOfCharactersWrittenToTheWriter() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setCharacterEncoding("UTF-8");
		ResponseSize size = new ResponseSize();
		PrintWriter writer = size.wrap(response).getWriter();
		String text = "héllo € 😀";
		writer.print(text);
		writer.println();
		writer.write('x');
		writer.flush();
		int expected = (text + System.lineSeparator() + "x").getBytes(StandardCharsets.UTF_8).length;
		assertThat(size.get()).isEqualTo(expected);
		assertThat(response.getContentAsByteArray()).hasSize(expected);
	}

	@Test
	void countsSingleByteEncodingsCharacterForCharacter() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setCharacterEncoding("ISO-8859-1");
		ResponseSize size = new ResponseSize();
		size.wrap(response).getWriter().print("héllo");
		assertThat(size.get()).isEqualTo(5);
	}

	@Test
	void forgetsBytesDiscardedByAResetOfTheBuffer() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ResponseSize size = new ResponseSize();
		var wrapped = size.wrap(response);
		wrapped.getOutputStream().write(new byte[10]);
		wrapped.resetBuffer();
		wrapped.getOutputStream().write(new byte[3]);
		assertThat(size.get()).isEqualTo(3);
	}

	@Test
	void wrapsOnlyOnceForOneRequest() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ResponseSize size = new ResponseSize();
		var wrapped = size.wrap(response);
		assertThat(size.wrap(wrapped)).isSameAs(wrapped);
		assertThat(new ResponseSize().wrap(wrapped)).isNotSameAs(wrapped);
	}

}
