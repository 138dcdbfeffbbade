package io.seestack;

import java.util.Locale;

/** Outcome of a scheduled job, reported with {@link SeeStackClient#finishJob}. */
public enum JobStatus {
	SUCCESS, FAILED;

	private final String wireName = name().toLowerCase(Locale.ROOT);

	/** The value the ingest API expects: {@code "success"} or {@code "failed"}. */
	public String wireName() {
		return wireName;
	}
}
