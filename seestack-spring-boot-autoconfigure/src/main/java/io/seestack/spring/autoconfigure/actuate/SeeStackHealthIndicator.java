package io.seestack.spring.autoconfigure.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** The {@code seestack} health indicator of Boot 4's health API: the {@link SeeStackHealthCheck}'s result. */
final class SeeStackHealthIndicator extends AbstractHealthIndicator {

	private final SeeStackHealthCheck check;

	SeeStackHealthIndicator(SeeStackHealthCheck check) {
		super("SeeStack health check failed");
		this.check = check;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SeeStackHealthCheck.Result result = this.check.check();
		builder.status(result.status()).withDetails(result.details());
	}

}
