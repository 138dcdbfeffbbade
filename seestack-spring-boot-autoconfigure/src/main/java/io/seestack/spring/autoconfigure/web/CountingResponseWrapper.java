package io.seestack.spring.autoconfigure.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * Counts the body bytes written through it and otherwise delegates every call unchanged: the status, headers,
 * body, buffering, commit and errors of the response are exactly those of the wrapped response. The stream and the
 * writer returned are the wrapped response's own, seen through counting views that forward every call.
 */
final class CountingResponseWrapper extends HttpServletResponseWrapper {

	private final ResponseSize size;

	private @Nullable ServletOutputStream delegateStream;

	private @Nullable CountingOutputStream stream;

	private @Nullable PrintWriter delegateWriter;

	private @Nullable PrintWriter writer;

	CountingResponseWrapper(HttpServletResponse response, ResponseSize size) {
		super(response);
		this.size = size;
	}

	boolean countsInto(ResponseSize size) {
		return this.size == size;
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		ServletOutputStream delegate = super.getOutputStream();
		if (this.stream == null || this.delegateStream != delegate) {
			this.delegateStream = delegate;
			this.stream = new CountingOutputStream(delegate, this.size);
		}
		return this.stream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		PrintWriter delegate = super.getWriter();
		if (this.writer == null || this.delegateWriter != delegate) {
			this.delegateWriter = delegate;
			this.writer = new CountingWriter(delegate, charset(getCharacterEncoding()), this.size).printWriter();
		}
		return this.writer;
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		super.sendError(sc, msg);
		this.size.reset();
	}

	@Override
	public void sendError(int sc) throws IOException {
		super.sendError(sc);
		this.size.reset();
	}

	@Override
	public void reset() {
		super.reset();
		this.size.reset();
	}

	@Override
	public void resetBuffer() {
		super.resetBuffer();
		this.size.reset();
	}

	private static Charset charset(@Nullable String name) {
		if (name == null) {
			return StandardCharsets.ISO_8859_1;
		}
		try {
			return Charset.forName(name);
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			return StandardCharsets.UTF_8;
		}
	}

}
