package io.seestack.spring.autoconfigure.scheduling;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by a monitored scheduled job that SeeStack cannot report. Registered in
 * {@code META-INF/spring.factories}.
 */
class InvalidMonitorFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMonitorException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMonitorException cause) {
		return new FailureAnalysis("Invalid SeeStack cron monitor: " + cause.subject() + " " + cause.problem() + ".",
				cause.action(), cause);
	}

}
