package io.seestack.spring.autoconfigure.scheduling;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the heartbeats of scheduled jobs, under {@code seestack.scheduling.*}.
 */
@ConfigurationProperties("seestack.scheduling")
public class SeeStackSchedulingProperties {

	/**
	 * Whether every run of a monitored @Scheduled method (annotated with @SeeStackMonitor, or named in
	 * seestack.scheduling.monitors) sends a heartbeat to its SeeStack cron monitor.
	 */
	private boolean enabled = true;

	/**
	 * Cron monitor slugs of @Scheduled methods that cannot be annotated with @SeeStackMonitor, by '<bean
	 * name>.<method name>', such as 'reportJobs.sendNightlyReport: nightly-report'. A slug given here takes
	 * precedence over the method's annotation. The application does not start when a key names no @Scheduled method
	 * or a value is not a slug (lowercase letters, digits and hyphens).
	 */
	private Map<String, String> monitors = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, String> getMonitors() {
		return this.monitors;
	}

	public void setMonitors(Map<String, String> monitors) {
		this.monitors = monitors;
	}

}
