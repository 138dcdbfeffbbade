package io.seestack.spring.autoconfigure.logging;

import io.seestack.Scope;
import io.seestack.ScopeSnapshot;
import io.seestack.SeeStackClient;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskDecorator;

/**
 * Runs each task with the SeeStack context of the thread that submitted it (a snapshot taken at submission), and
 * with that context's keys in the MDC; the worker's own context and MDC are restored afterwards. Work submitted
 * outside any scope runs in an empty scope of its own, so it carries nothing of another's. Spring Boot applies
 * every {@code TaskDecorator} bean to its auto-configured executors and schedulers (composing them, so an
 * application's own decorator keeps running).
 */
public class SeeStackTaskDecorator implements TaskDecorator {

	private final SeeStackClient client;

	private final @Nullable SeeStackMdc mdc;

	/**
	 * Creates the decorator.
	 * @param client the client whose context is carried
	 * @param mdc the MDC keys to set in the task, or {@code null} for none
	 */
	public SeeStackTaskDecorator(SeeStackClient client, @Nullable SeeStackMdc mdc) {
		this.client = client;
		this.mdc = mdc;
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		ScopeSnapshot snapshot = this.client.snapshot();
		return () -> {
			try (Scope scope = snapshot.restore();
					SeeStackMdc.Restore restore = (this.mdc != null) ? this.mdc.put() : SeeStackMdc.Restore.NOTHING) {
				runnable.run();
			}
		};
	}

}
