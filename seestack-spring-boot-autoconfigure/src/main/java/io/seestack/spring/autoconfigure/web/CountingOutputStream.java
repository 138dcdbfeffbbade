package io.seestack.spring.autoconfigure.web;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/** Forwards every call to the response's own stream, counting the bytes written. */
final class CountingOutputStream extends ServletOutputStream {

	private final ServletOutputStream delegate;

	private final ResponseSize size;

	CountingOutputStream(ServletOutputStream delegate, ResponseSize size) {
		this.delegate = delegate;
		this.size = size;
	}

	@Override
	public void write(int b) throws IOException {
		this.delegate.write(b);
		this.size.add(1);
	}

	@Override
	public void write(byte[] b) throws IOException {
		this.delegate.write(b);
		this.size.add(b.length);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		this.delegate.write(b, off, len);
		this.size.add(len);
	}

	/** Servlet 6.1; never called on an older container, whose {@link ServletOutputStream} lacks it. */
	@Override
	public void write(ByteBuffer buffer) throws IOException {
		int remaining = buffer.remaining();
		this.delegate.write(buffer);
		this.size.add(remaining - buffer.remaining());
	}

	@Override
	public void flush() throws IOException {
		this.delegate.flush();
	}

	@Override
	public void close() throws IOException {
		this.delegate.close();
	}

	@Override
	public boolean isReady() {
		return this.delegate.isReady();
	}

	@Override
	public void setWriteListener(WriteListener writeListener) {
		this.delegate.setWriteListener(writeListener);
	}

}
