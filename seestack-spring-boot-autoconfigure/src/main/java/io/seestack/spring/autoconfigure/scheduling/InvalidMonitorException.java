package io.seestack.spring.autoconfigure.scheduling;

import java.util.Collection;

/**
 * A monitored scheduled job that SeeStack cannot report: a slug that is not one, a placeholder that nothing
 * resolves, a key of {@code seestack.scheduling.monitors} that names no {@code @Scheduled} method, an annotation on a
 * method Spring does not schedule, or one method given two slugs. Turned into a failure analysis by
 * {@link InvalidMonitorFailureAnalyzer}.
 */
final class InvalidMonitorException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String subject;

	private final String problem;

	private final String action;

	private InvalidMonitorException(String subject, String problem, String action) {
		super(subject + " " + problem);
		this.subject = subject;
		this.problem = problem;
		this.action = action;
	}

	static InvalidMonitorException invalidSlug(String subject, String slug) {
		boolean placeholder = slug.contains("${");
		return new InvalidMonitorException(subject, "gives the slug '" + slug + "', which "
				+ (placeholder ? "still holds a placeholder that nothing resolves"
						: "is not a cron monitor slug: lowercase letters, digits and hyphens only"),
				placeholder ? "Define the property the placeholder names, or give the slug itself."
						: "Use the slug of the cron monitor as SeeStack shows it, such as nightly-report.");
	}

	static InvalidMonitorException unresolvedPlaceholder(String subject, String reason) {
		return new InvalidMonitorException(subject, "has a placeholder that nothing resolves (" + reason + ")",
				"Define the property the placeholder names, or give the slug itself.");
	}

	static InvalidMonitorException noScheduledMethod(String key, Collection<String> scheduled) {
		return new InvalidMonitorException("Property 'seestack.scheduling.monitors." + key + "'",
				"names no @Scheduled method: its key is to be '<bean name>.<method name>'",
				"Name one of the application's @Scheduled methods: "
						+ (scheduled.isEmpty() ? "it has none." : String.join(", ", scheduled) + ".")
						+ " In YAML, or with bracket notation (seestack.scheduling.monitors[reportJobs.run]), the "
						+ "key keeps its case; an environment variable cannot.");
	}

	static InvalidMonitorException notScheduled(String method) {
		return new InvalidMonitorException("@SeeStackMonitor on " + method,
				"is on a method that is not @Scheduled, so no run of it would send a heartbeat",
				"Put it on a @Scheduled method, or report the job with SeeStackClient.monitor(slug, job) where it "
						+ "runs.");
	}

	static InvalidMonitorException twoSlugs(String method, String first, String second) {
		return new InvalidMonitorException("Method " + method, "is given two slugs, '" + first + "' and '" + second
				+ "': its beans share a class, and SeeStack tells runs apart by class and method only",
				"Give every bean of that class the same slug, or give each job its own class.");
	}

	/** What is at fault, such as {@code @SeeStackMonitor("Nightly") on com.example.Jobs.report()}. */
	String subject() {
		return this.subject;
	}

	/** What is wrong with it. */
	String problem() {
		return this.problem;
	}

	/** What to do about it. */
	String action() {
		return this.action;
	}

}
