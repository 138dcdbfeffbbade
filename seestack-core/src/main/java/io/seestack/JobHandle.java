package io.seestack;

/**
 * A running job, returned by {@link SeeStackClient#startJob(String)} and passed back to
 * {@link SeeStackClient#finishJob(JobHandle, JobStatus, String)} to send its heartbeat.
 *
 * @param slug the cron monitor's slug
 * @param startNanos the {@link System#nanoTime()} at which the job started
 */
public record JobHandle(String slug, long startNanos) {
}
