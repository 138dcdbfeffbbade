package io.seestack.spring.autoconfigure.actuate;

import java.util.Optional;

import io.seestack.SeeStackClient;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether SeeStack is sending: {@code UP} with the host while it does, {@code DOWN} with the reason once the
 * client has disabled itself (for example after the backend answered 401 to the API key), {@code UNKNOWN} when
 * SeeStack is not configured (the no-op client).
 */
final class SeeStackHealthIndicator extends AbstractHealthIndicator {

	private final SeeStackClient client;

	private final String host;

	SeeStackHealthIndicator(SeeStackClient client, String host) {
		super("SeeStack health check failed");
		this.client = client;
		this.host = host;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Optional<String> disabledReason = this.client.disabledReason();
		if (disabledReason.isPresent()) {
			builder.down().withDetail("host", this.host).withDetail("reason", disabledReason.get());
		}
		else if (this.client == SeeStackClient.noop() || !this.client.isEnabled()) {
			builder.unknown().withDetail("reason", "not configured");
		}
		else {
			builder.up().withDetail("host", this.host);
		}
	}

}
