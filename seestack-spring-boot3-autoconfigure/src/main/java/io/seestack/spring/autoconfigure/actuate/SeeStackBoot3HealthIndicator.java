package io.seestack.spring.autoconfigure.actuate;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** The {@code seestack} health indicator of Boot 3.5's health API: the {@link SeeStackHealthCheck}'s result. */
final class SeeStackBoot3HealthIndicator extends AbstractHealthIndicator {

	private final SeeStackHealthCheck check;

	SeeStackBoot3HealthIndicator(SeeStackHealthCheck check) {
		super("SeeStack health check failed");
		this.check = check;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SeeStackHealthCheck.Result result = this.check.check();
		builder.status(result.status()).withDetails(result.details());
	}

}
