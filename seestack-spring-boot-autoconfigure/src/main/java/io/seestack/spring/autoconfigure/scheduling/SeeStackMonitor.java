package io.seestack.spring.autoconfigure.scheduling;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends a heartbeat to the SeeStack cron monitor of the given slug after every run of this {@code @Scheduled}
 * method: {@code success} with the run's duration when it returns, {@code failed} with the exception's message when
 * it throws (the exception is also captured as an error, with the slug in its metadata {@code jobSlug}). The method
 * runs exactly as it would without it.
 *
 * <pre>{@code
 * @Scheduled(cron = "0 0 2 * * *")
 * @SeeStackMonitor("nightly-report")
 * void sendNightlyReport() { ... }
 * }</pre>
 *
 * The slug may hold property placeholders, such as {@code "${jobs.report.slug}"}; once they are resolved it must be
 * lowercase letters, digits and hyphens, as the cron monitor's, or the application does not start. For a method you
 * cannot annotate, name it in {@code seestack.scheduling.monitors} instead.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SeeStackMonitor {

	/**
	 * The slug of the cron monitor created in SeeStack, such as {@code nightly-report}.
	 * @return the slug
	 */
	String value();

}
