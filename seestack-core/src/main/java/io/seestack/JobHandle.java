package io.seestack;

/**
 * A running job, returned by {@link SeeStackClient#startJob(String)} and passed back to
 * {@link SeeStackClient#finishJob(JobHandle, JobStatus, String)} to send its heartbeat.
 *
 * @param slug the cron monitor's slug
 * @param startNanos the {@link System#nanoTime()} at which the job started
 */
public record JobHandle(String slug, long startNanos) {

	/** The metadata key of the slug in the error captured when a job fails: {@value}. */
	public static final String SLUG_METADATA_KEY = "jobSlug";

}
