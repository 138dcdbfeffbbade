package io.seestack.spring.autoconfigure.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.seestack.Feature;
import io.seestack.SeeStackClient;
import io.seestack.SeeStackStatus;

/**
 * Whether SeeStack is sending, from the client's {@link SeeStackClient#status() status} and the
 * {@link SeeStackDeliveryFailures}: {@code UP} with the host (or the outbox) while it sends, {@code UNKNOWN} when
 * SeeStack is not configured (the no-op client), and, while it <em>fails</em> (the backend rejected the API key, or
 * deliveries fail after every retry), {@code UNKNOWN} with the reason, or {@code DOWN} with
 * {@code seestack.health.down-when-failing=true}.
 *
 * <p>Why not {@code DOWN} by default: an indicator's {@code DOWN} makes the application's health {@code DOWN}
 * (HTTP 503), and a load balancer or a liveness probe would then take a healthy application away because of an
 * observability key. Why {@code UNKNOWN} and not {@code UP}: the indicator should not claim that SeeStack works.
 * Why not a status of our own, such as {@code FAILING}: Boot's {@code SimpleStatusAggregator} puts {@code UNKNOWN}
 * after {@code UP} in its default order ({@code DOWN, OUT_OF_SERVICE, UP, UNKNOWN}), so the aggregate stays
 * {@code UP}; it would ignore a status outside its order too, but {@code UNKNOWN} is one that every consumer of the
 * health endpoint already knows, and a status order configured by the application still places it. The reason is
 * in the details, and in the {@code seestack} endpoint.
 *
 * <p>Free of Boot's health API, which moved between Boot 3.5 and Boot 4: each line's indicator only hands this
 * check's status code and details to its own {@code Health.Builder}.
 */
final class SeeStackHealthCheck {

	private final SeeStackClient client;

	private final SeeStackDeliveryFailures failures;

	private final boolean downWhenFailing;

	SeeStackHealthCheck(SeeStackClient client, SeeStackDeliveryFailures failures, boolean downWhenFailing) {
		this.client = client;
		this.failures = failures;
		this.downWhenFailing = downWhenFailing;
	}

	Result check() {
		SeeStackStatus status = this.client.status();
		Map<String, Object> details = new LinkedHashMap<>();
		if (status.mode() == SeeStackStatus.Mode.OFF) {
			details.put("reason", "not configured");
			return new Result("UNKNOWN", details);
		}
		String target = (status.mode() == SeeStackStatus.Mode.REMOTE) ? "host" : "outbox";
		details.put("mode", lowerCase(status.mode().name()));
		details.put(target, status.target());
		SeeStackStatus.SpoolStatus spool = status.spool();
		if (spool != null) {
			details.put("spool", Map.of("directory", spool.directory(), "bodies", spool.bodies(), "bytes",
					spool.bytes()));
		}
		Map<Feature, Instant> failing = this.failures.failing();
		if (status.disabledReason() != null) {
			details.put("reason", status.disabledReason());
			return failing(details);
		}
		if (spool != null && spool.backendDown()) {
			details.put("reason", "the ingest host does not answer: unreachable, timing out, or answering 5xx or "
					+ "429; events wait in the spool and a probe finds out when it answers again");
			return failing(details);
		}
		if (!failing.isEmpty()) {
			String features = failing.keySet()
				.stream()
				.map((feature) -> lowerCase(feature.name()))
				.collect(Collectors.joining(", "));
			Instant since = failing.values().stream().min(Instant::compareTo).orElseThrow();
			details.put("reason", "delivery of " + features + " fails after every retry: the ingest host is "
					+ "unreachable, times out, or answers 5xx or 429");
			details.put("failingSince", since.toString());
			return failing(details);
		}
		return new Result("UP", details);
	}

	private Result failing(Map<String, Object> details) {
		return new Result(this.downWhenFailing ? "DOWN" : "UNKNOWN", details);
	}

	private static String lowerCase(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * What the indicator reports.
	 *
	 * @param status a status code that both Boot lines know: {@code UP}, {@code UNKNOWN} or {@code DOWN}
	 * @param details the details, in order
	 */
	record Result(String status, Map<String, Object> details) {

	}

}
