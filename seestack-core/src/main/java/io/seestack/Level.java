package io.seestack;

import java.util.Locale;

/** Severity of a captured error or log entry. Sent on the wire in lower case. */
public enum Level {
	DEBUG, INFO, WARN, ERROR, FATAL;

	private final String wireName = name().toLowerCase(Locale.ROOT);

	/** The value the ingest API expects, for example {@code "warn"}. */
	public String wireName() {
		return wireName;
	}
}
