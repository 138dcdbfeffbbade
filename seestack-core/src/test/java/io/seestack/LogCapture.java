package io.seestack;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures everything the SDK logs through {@link System.Logger} (JUL by default), at every level. */
public final class LogCapture implements AutoCloseable {

	private final Logger logger = Logger.getLogger("io.seestack");

	private final Level previousLevel = this.logger.getLevel();

	private final List<LogRecord> records = new CopyOnWriteArrayList<>();

	private final Handler handler = new Handler() {

		@Override
		public void publish(LogRecord record) {
			LogCapture.this.records.add(record);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	public LogCapture() {
		this.handler.setLevel(Level.ALL);
		this.logger.setLevel(Level.ALL);
		this.logger.addHandler(this.handler);
	}

	/** Every message, with its thrown exception's text, as logged. */
	public List<String> lines() {
		return this.records.stream().map((record) -> record.getLevel() + " " + record.getMessage()
				+ ((record.getThrown() != null) ? " " + record.getThrown() : "")).toList();
	}

	public List<String> warnings() {
		return this.records.stream().filter((record) -> record.getLevel().intValue() >= Level.WARNING.intValue())
			.map(LogRecord::getMessage).toList();
	}

	@Override
	public void close() {
		this.logger.removeHandler(this.handler);
		this.logger.setLevel(this.previousLevel);
	}

}
