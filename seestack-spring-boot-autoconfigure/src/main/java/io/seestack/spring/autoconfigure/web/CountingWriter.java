package io.seestack.spring.autoconfigure.web;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Forwards every call to the response's own writer, counting the bytes the characters encode to in the response's
 * character encoding (exactly for UTF-8 and single-byte encodings, by encoding for others).
 */
final class CountingWriter extends Writer {

	private final PrintWriter delegate;

	private final ResponseSize size;

	private final Kind kind;

	private final Charset charset;

	private enum Kind {

		UTF_8, SINGLE_BYTE, OTHER

	}

	CountingWriter(PrintWriter delegate, Charset charset, ResponseSize size) {
		this.delegate = delegate;
		this.size = size;
		this.charset = charset;
		this.kind = kind(charset);
	}

	/**
	 * A {@link PrintWriter} over this writer whose {@link PrintWriter#checkError()} also reports the errors of the
	 * response's writer, which, like every servlet writer, records I/O errors instead of throwing them.
	 */
	PrintWriter printWriter() {
		PrintWriter response = this.delegate;
		return new PrintWriter(this) {

			@Override
			public boolean checkError() {
				return super.checkError() | response.checkError();
			}

		};
	}

	@Override
	public void write(int c) {
		this.delegate.write(c);
		this.size.add(count((char) c));
	}

	@Override
	public void write(char[] buffer, int off, int len) {
		this.delegate.write(buffer, off, len);
		this.size.add(count(CharBuffer.wrap(buffer, off, len)));
	}

	@Override
	public void write(String text, int off, int len) {
		this.delegate.write(text, off, len);
		this.size.add(count(CharBuffer.wrap(text, off, off + len)));
	}

	@Override
	public void flush() {
		this.delegate.flush();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	private long count(char c) {
		return switch (this.kind) {
			case SINGLE_BYTE -> 1;
			// A lone surrogate half is counted as the 2 of the 4 bytes its pair encodes to.
			case UTF_8 -> (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
			case OTHER -> this.charset.encode(CharBuffer.wrap(new char[] { c })).remaining();
		};
	}

	private long count(CharBuffer chars) {
		switch (this.kind) {
			case SINGLE_BYTE:
				return chars.remaining();
			case UTF_8:
				long bytes = 0;
				for (int i = chars.position(); i < chars.limit(); i++) {
					bytes += count(chars.get(i));
				}
				return bytes;
			default:
				return this.charset.encode(chars).remaining();
		}
	}

	private static Kind kind(Charset charset) {
		if (charset.equals(StandardCharsets.UTF_8)) {
			return Kind.UTF_8;
		}
		if (charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)
				|| charset.name().startsWith("windows-125")) {
			return Kind.SINGLE_BYTE;
		}
		return Kind.OTHER;
	}

}
