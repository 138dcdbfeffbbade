package io.seestack.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start stopped by the {@link SpringBootVersionVerifier}: which Boot version runs, which lines SeeStack
 * supports, and what to do. Registered in {@code META-INF/spring.factories}.
 */
class UnsupportedSpringBootVersionFailureAnalyzer
		extends AbstractFailureAnalyzer<UnsupportedSpringBootVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedSpringBootVersionException cause) {
		return new FailureAnalysis(
				"The SeeStack starter does not support Spring Boot " + cause.getVersion() + ": this version of "
						+ "SeeStack supports Spring Boot " + UnsupportedSpringBootVersionException
							.lines(cause.getSupportedLines()) + ".",
				"Use a version of SeeStack that supports Spring Boot " + cause.getVersion() + ", or move the "
						+ "application to a supported Spring Boot line. To start anyway, at your own risk, set "
						+ SpringBootVersionVerifier.ENABLED_PROPERTY + "=false.",
				cause);
	}

}
