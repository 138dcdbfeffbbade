package io.seestack.spring.autoconfigure.web;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by an entry of {@code seestack.trusted-proxies} that is not an IP address or
 * CIDR block. Registered in {@code META-INF/spring.factories}.
 */
class InvalidTrustedProxyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTrustedProxyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTrustedProxyException cause) {
		return new FailureAnalysis(
				"Invalid SeeStack configuration: property '" + cause.property() + "' has the value '" + cause.entry()
						+ "', which is not an IP address or CIDR block.",
				"Set each entry of seestack.trusted-proxies to the address of a proxy in front of the application, "
						+ "as a single IP address (such as 10.0.0.7 or ::1) or a CIDR block (such as 10.0.0.0/8 or "
						+ "2001:db8::/32), or remove the entry. Host names are not accepted.",
				cause);
	}

}
