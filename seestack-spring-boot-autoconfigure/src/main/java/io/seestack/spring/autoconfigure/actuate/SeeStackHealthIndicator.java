package io.seestack.spring.autoconfigure.actuate;

import java.util.Locale;

import io.seestack.SeeStackClient;
import io.seestack.SeeStackStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether SeeStack is sending, from the client's {@link SeeStackClient#status() status}: {@code UP} with the host
 * while it sends, {@code DOWN} with the reason once the client has disabled itself (for example after the backend
 * answered 401 to the API key), {@code UNKNOWN} when SeeStack is not configured (the no-op client).
 */
final class SeeStackHealthIndicator extends AbstractHealthIndicator {

	private final SeeStackClient client;

	SeeStackHealthIndicator(SeeStackClient client) {
		super("SeeStack health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SeeStackStatus status = this.client.status();
		if (status.mode() == SeeStackStatus.Mode.OFF) {
			builder.unknown().withDetail("reason", "not configured");
			return;
		}
		String target = (status.mode() == SeeStackStatus.Mode.REMOTE) ? "host" : "outbox";
		builder.withDetail("mode", status.mode().name().toLowerCase(Locale.ROOT))
			.withDetail(target, status.target());
		if (status.disabledReason() != null) {
			builder.down().withDetail("reason", status.disabledReason());
		}
		else {
			builder.up();
		}
	}

}
