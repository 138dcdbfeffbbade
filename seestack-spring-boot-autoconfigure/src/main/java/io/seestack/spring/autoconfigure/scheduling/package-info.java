/**
 * Heartbeats of scheduled jobs: every run of a {@code @Scheduled} method annotated with
 * {@link io.seestack.spring.autoconfigure.scheduling.SeeStackMonitor @SeeStackMonitor}, or named in
 * {@code seestack.scheduling.monitors}, sends its cron monitor's heartbeat, through Spring's scheduled-task
 * observation.
 */
@NullMarked
package io.seestack.spring.autoconfigure.scheduling;

import org.jspecify.annotations.NullMarked;
