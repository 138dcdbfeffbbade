package io.seestack.spring.autoconfigure.web;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by a {@code seestack.*} property of the web integration, such as an entry of
 * {@code seestack.trusted-proxies} that is not an IP address. Registered in {@code META-INF/spring.factories}.
 */
class InvalidWebPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWebPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidWebPropertyException cause) {
		return new FailureAnalysis("Invalid SeeStack configuration: property '" + cause.property()
				+ "' has the value '" + cause.value() + "', which " + cause.problem() + ".", cause.action(), cause);
	}

}
