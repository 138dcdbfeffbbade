package io.seestack.spring.autoconfigure.scheduling;

import java.lang.reflect.UndeclaredThrowableException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.seestack.JobHandle;
import io.seestack.JobStatus;
import io.seestack.SeeStackClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.support.ScheduledTaskObservationContext;

/**
 * Times every observed run of a monitored {@code @Scheduled} method and sends its heartbeat when the run ends:
 * {@code success} when it completed, {@code failed} with the message when it threw (and the exception captured
 * with the slug, through {@link SeeStackClient#failJob}). A run cancelled before it completed (a reactive job
 * stopped at shutdown) sends nothing, so that a deployment does not alert.
 *
 * <p>The state of a run lives in its observation's context, never in a thread-local or a shared field, so runs that
 * overlap are each reported on their own. Nothing here throws into the run: Spring calls these methods around the
 * job itself.
 */
final class MonitoredRunObservationHandler implements ObservationHandler<ScheduledTaskObservationContext> {

	private static final Log logger = LogFactory.getLog(MonitoredRunObservationHandler.class);

	private final SeeStackClient client;

	private final ScheduledMonitors monitors;

	MonitoredRunObservationHandler(SeeStackClient client, ScheduledMonitors monitors) {
		this.client = client;
		this.monitors = monitors;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ScheduledTaskObservationContext scheduled
				&& this.monitors.slugFor(scheduled.getMethod()) != null;
	}

	@Override
	public void onStart(ScheduledTaskObservationContext context) {
		try {
			String slug = this.monitors.slugFor(context.getMethod());
			if (slug != null) {
				context.put(JobHandle.class, this.client.startJob(slug));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("SeeStack could not time a run of " + context.getMethod(), ex);
		}
	}

	@Override
	public void onStop(ScheduledTaskObservationContext context) {
		try {
			JobHandle handle = context.get(JobHandle.class);
			if (handle == null) {
				return;
			}
			Throwable error = context.getError();
			if (error != null) {
				this.client.failJob(handle, thrownByTheJob(error));
			}
			else if (context.isComplete()) {
				this.client.finishJob(handle, JobStatus.SUCCESS, null);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("SeeStack could not report a run of " + context.getMethod(), ex);
		}
	}

	/** Spring wraps a checked exception of the method in an {@link UndeclaredThrowableException}. */
	private static Throwable thrownByTheJob(Throwable error) {
		if (error instanceof UndeclaredThrowableException undeclared && undeclared.getUndeclaredThrowable() != null) {
			return undeclared.getUndeclaredThrowable();
		}
		return error;
	}

}
