package io.seestack.spring.autoconfigure.signin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;

/**
 * Counts sign-ins in {@code seestack.sign-ins}, tagged with the {@code outcome} ({@code success} or {@code failure})
 * and, for failures, the {@code reason} (such as {@code bad_credentials}): the same sign-ins that
 * {@link SeeStackSignInListener} reports, every failure counted, also those a brute-force event stands for.
 */
public final class SeeStackSignInMeters implements ApplicationListener<AbstractAuthenticationEvent> {

	static final String NAME = "seestack.sign-ins";

	private final MeterRegistry registry;

	private final Counter successes;

	private final Map<SignInFailures, Counter> failures = new ConcurrentHashMap<>();

	/**
	 * Creates the meters in the registry.
	 * @param registry the registry to count in
	 */
	public SeeStackSignInMeters(MeterRegistry registry) {
		this.registry = registry;
		this.successes = Counter.builder(NAME)
			.description("Sign-ins to the application")
			.tag("outcome", "success")
			.tag("reason", "none")
			.register(registry);
	}

	@Override
	public void onApplicationEvent(AbstractAuthenticationEvent event) {
		if (event instanceof InteractiveAuthenticationSuccessEvent) {
			this.successes.increment();
		}
		else if (event instanceof AbstractAuthenticationFailureEvent failure
				&& SeeStackSignInListener.isSignInFailure(failure)) {
			this.failures.computeIfAbsent(SignInFailures.of(failure.getException()), (reason) -> Counter.builder(NAME)
				.description("Sign-ins to the application")
				.tag("outcome", "failure")
				.tag("reason", reason.reason())
				.register(this.registry)).increment();
		}
	}

}
