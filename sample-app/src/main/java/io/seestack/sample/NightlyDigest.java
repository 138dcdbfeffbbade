package io.seestack.sample;

import java.util.concurrent.atomic.AtomicLong;

import io.seestack.spring.autoconfigure.scheduling.SeeStackMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A scheduled job with a SeeStack cron monitor: every run sends a heartbeat, shown on the sample's page. It runs
 * every few seconds so that the page shows heartbeats at once; a real digest would run nightly.
 */
@Component
class NightlyDigest {

	private static final Logger log = LoggerFactory.getLogger(NightlyDigest.class);

	private final AtomicLong runs = new AtomicLong();

	@Scheduled(fixedDelayString = "${sample.digest.every:5s}")
	@SeeStackMonitor("sample-digest")
	void send() {
		log.debug("Digest run {}", this.runs.incrementAndGet());
	}

}
